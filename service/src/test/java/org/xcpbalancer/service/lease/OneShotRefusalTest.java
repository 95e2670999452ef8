package org.xcpbalancer.service.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.collector.CollectionResult;
import org.xcpbalancer.collector.CollectionService;
import org.xcpbalancer.collector.CollectorSettings;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.ServiceLeases;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;

/**
 * A one-shot xcp-collect (or xcp-control: both go through the same pool lock) refuses a pool a live xcp-service
 * instance leases, writes nothing, and acts again once the lease has expired; the service's own runs pass.
 */
@ExtendWith(MariaDbExtension.class)
class OneShotRefusalTest {
    private RunningSimulator simulator;

    @AfterEach
    void stop() {
        ServiceLeases.stopActingFor("elsewhere");
        if (simulator != null) {
            simulator.close();
        }
    }

    /** One collection as cron runs it. */
    private static CollectionResult collectOnce(XapiSettings xapi, Database database) {
        try (CollectionService service = new CollectionService(database, CollectorSettings.defaults(), Clock.systemUTC())) {
            return service.collectOnce(xapi, notice -> { });
        }
    }

    @Test
    void aOneShotRunLeavesAPoolLeasedByALiveServiceAlone(TestDatabase db) throws Exception {
        Database database = db.database();
        LeaseProtocolTest.wipe(database);
        simulator = SimulatorServer.start(ScenarioLoader.builtin("paper-unbalanced"), SimulatorOptions.defaults());
        XapiSettings xapi = XapiSettings.plain(simulator.masterUrl(), "root", Secret.of("root"));
        database.dsl().execute("INSERT INTO PoolLease (PoolName, PoolUuid, Owner, Epoch, GrantedAt, RenewedAt, ExpiresAt) "
                + "VALUES ('main', ?, 'elsewhere', 1, NOW(3), NOW(3), NOW(3) + INTERVAL 1 MINUTE)", simulator.model().poolUuid());

        CollectionResult refused = collectOnce(xapi, database);

        assertThat(refused.outcome()).isEqualTo(CollectionResult.Outcome.LOCKED);
        assertThat(database.dsl().fetchCount(database.dsl().selectFrom("Pool"))).as("nothing written").isZero();

        ServiceLeases.actFor("elsewhere"); // the service instance itself, in its own process
        assertThat(collectOnce(xapi, database).outcome()).isEqualTo(CollectionResult.Outcome.SUCCESS);

        ServiceLeases.stopActingFor("elsewhere");
        database.dsl().execute("UPDATE PoolLease SET ExpiresAt = NOW(3) - INTERVAL 1 SECOND");
        assertThat(collectOnce(xapi, database).outcome()).as("the lease expired")
                .isEqualTo(CollectionResult.Outcome.SUCCESS);
    }
}
