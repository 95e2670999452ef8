package org.xcpbalancer.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.xcpbalancer.core.db.generated.Tables.COLLECTIONRUN;
import static org.xcpbalancer.core.db.generated.Tables.HOST;
import static org.xcpbalancer.core.db.generated.Tables.MAP;
import static org.xcpbalancer.core.db.generated.Tables.POOL;
import static org.xcpbalancer.core.db.generated.Tables.VM;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.collector.read.EventGraphFollower;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.db.generated.tables.records.CollectionRunRecord;
import org.xcpbalancer.core.db.generated.tables.records.HostRecord;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;
import org.xcpbalancer.xapi.XapiSession;

/** Each simulator fault, and what the collector does about it (issue 4, Robustness). */
@ExtendWith(MariaDbExtension.class)
class CollectorFaultsTest {

    private static CollectionRunRecord run(DSLContext db, long id) {
        return db.selectFrom(COLLECTIONRUN).where(COLLECTIONRUN.Id.eq(id)).fetchSingle();
    }

    @Test
    void latencySlowsTheRunButNeitherAddsRequestsNorChangesTheValues(TestDatabase database) throws Exception {
        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults()
                .withLatency(Duration.ofMillis(50)))) {
            CollectionResult result = OneCollection.collect(SimulatedPool.xapi(simulator), database.database());
            assertThat(result.outcome()).isEqualTo(CollectionResult.Outcome.SUCCESS);
            assertThat(result.xapiRequests()).isEqualTo(11);
            // the latency was really there: login, the parallel reads, get_servertime, the parallel GETs, logout
            assertThat(result.wallTime()).isGreaterThanOrEqualTo(Duration.ofMillis(5 * 50));
            assertThat(SimulatedPool.placement(database.database().dsl())).hasSize(5);
            assertThat(database.database().dsl().select(HOST.CpuAverage).from(HOST).where(HOST.Name.eq("Host2"))
                    .fetchSingle(HOST.CpuAverage)).isCloseTo(100.0, within(1.0));
        }
    }

    @Test
    void deadHostKeepsItsOtherDataWithNullMetricsAndTheRunIsPartial(TestDatabase database) throws Exception {
        DSLContext db = database.database().dsl();
        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults())) {
            simulator.admin().killHost("Host2");
            CollectionResult result = OneCollection.collect(SimulatedPool.xapi(simulator), database.database());

            assertThat(result.outcome()).isEqualTo(CollectionResult.Outcome.PARTIAL);
            assertThat(result.summaryLine()).endsWith("(partial: 1 warning)");
            assertThat(result.warnings()).singleElement().asString().startsWith("host Host2: metrics missing:");
            HostRecord host2 = db.selectFrom(HOST).where(HOST.Name.eq("Host2")).fetchSingle();
            assertThat(host2.getLive()).isFalse();
            assertThat(host2.getCpuNum()).isEqualTo(4);
            assertThat(host2.getMemoryTotalMb()).isEqualTo(4069L);
            assertThat(host2.getCpuAverage()).isNull();
            assertThat(host2.getMemoryFreeMb()).isNull();
            assertThat(host2.getPifEth0RxKb()).isNull();
            assertThat(host2.getMetricsAt()).isNull();
            assertThat(db.select(VM.VcpuAverage).from(VM).where(VM.Name.eq("VM2 - Debian")).fetchSingle(VM.VcpuAverage))
                    .isNull();
            HostRecord host1 = db.selectFrom(HOST).where(HOST.Name.eq("Host1")).fetchSingle();
            assertThat(host1.getCpuAverage()).isNotNull();
            assertThat(SimulatedPool.placement(db)).containsEntry("VM2 - Debian", "Host2");
            CollectionRunRecord run = run(db, result.runId());
            assertThat(run.getOutcome()).isEqualTo("partial");
            assertThat(run.getWarnings()).startsWith("host Host2: metrics missing:");
        }
    }

    @Test
    void slowHostsGetNullMetricsAfterTheRrdTimeoutAndTheOtherDataIsWritten(TestDatabase database) throws Exception {
        DSLContext db = database.database().dsl();
        CollectorSettings impatient = new CollectorSettings(Duration.ofMillis(150), Duration.ofDays(7), Duration.ofDays(365));
        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults().withLatency(Duration.ofMillis(600)));
                CollectionService service = new CollectionService(database.database(), impatient, Clock.systemUTC())) {
            CollectionResult result = service.collectOnce(SimulatedPool.xapi(simulator), notice -> { });
            assertThat(result.outcome()).isEqualTo(CollectionResult.Outcome.PARTIAL);
            assertThat(result.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).contains("timed out"));
            assertThat(db.select(HOST.CpuAverage).from(HOST).fetch(HOST.CpuAverage)).hasSize(2).containsOnlyNulls();
            assertThat(db.select(VM.VcpuAverage).from(VM).fetch(VM.VcpuAverage)).hasSize(5).containsOnlyNulls();
            assertThat(SimulatedPool.placement(db)).hasSize(5);
        }
    }

    @Test
    void expiredSessionIsLoggedIntoAgainInServiceMode(TestDatabase database) throws Exception {
        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults());
                CollectionService service = new CollectionService(database.database(), CollectorSettings.defaults(),
                        Clock.systemUTC());
                XapiSession session = XapiSession.open(SimulatedPool.xapi(simulator))) {
            EventGraphFollower graph = new EventGraphFollower();
            CollectionResult first = service.collect(session, graph);
            simulator.admin().expireSessions();
            simulator.model().moveVm(simulator.model().vmByName("VM3 - Ubuntu"), simulator.model().hostByName("Host1"));
            CollectionResult second = service.collect(session, graph);

            assertThat(first.outcome()).isEqualTo(CollectionResult.Outcome.SUCCESS);
            assertThat(second.outcome()).isEqualTo(CollectionResult.Outcome.SUCCESS);
            // event.from, VM_group.get_all_records, get_servertime, 2 rrd GETs; plus the failed call and the new
            // login after the expiry
            assertThat(first.xapiRequests()).isEqualTo(5);
            assertThat(second.xapiRequests()).isEqualTo(7);
            assertThat(SimulatedPool.placement(database.database().dsl())).containsEntry("VM3 - Ubuntu", "Host1");
        }
    }

    @Test
    void everyCallDroppedIsPoolUnreachableAndThePreviousPictureIsKept(TestDatabase database) throws Exception {
        DSLContext db = database.database().dsl();
        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults())) {
            OneCollection.collect(SimulatedPool.xapi(simulator), database.database());
            var collectedAt = db.select(POOL.LastCollectedAt).from(POOL).where(POOL.Name.eq("Main Pool")).fetchSingle().value1();
            Map<String, String> before = SimulatedPool.placement(db);

            simulator.admin().setDropShare(1.0);
            assertThatThrownBy(() -> OneCollection.collect(SimulatedPool.xapi(simulator), database.database()))
                    .isInstanceOfSatisfying(UserFacingException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(ExitCode.POOL_UNREACHABLE);
                        assertThat(e.getMessage()).doesNotContain("\n").contains("cannot be reached");
                    });
            assertThat(SimulatedPool.placement(db)).isEqualTo(before);
            assertThat(db.select(POOL.LastCollectedAt).from(POOL).where(POOL.Name.eq("Main Pool")).fetchSingle().value1())
                    .isEqualTo(collectedAt);
            CollectionRunRecord failed = db.selectFrom(COLLECTIONRUN).orderBy(COLLECTIONRUN.Id.desc()).limit(1).fetchSingle();
            assertThat(failed.getOutcome()).isEqualTo("failed");
            assertThat(failed.getError()).contains("cannot be reached");
        }
    }

    @Test
    void everyCallAnsweredHttp500IsPoolUnreachableLikeADroppedConnection(TestDatabase database) throws Exception {
        DSLContext db = database.database().dsl();
        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults())) {
            OneCollection.collect(SimulatedPool.xapi(simulator), database.database());
            Map<String, String> before = SimulatedPool.placement(db);

            simulator.admin().setFailShare(1.0);
            assertThatThrownBy(() -> OneCollection.collect(SimulatedPool.xapi(simulator), database.database()))
                    .isInstanceOfSatisfying(UserFacingException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(ExitCode.POOL_UNREACHABLE);
                        assertThat(e.getMessage()).doesNotContain("\n").contains("cannot be reached", "HTTP 500");
                    });
            assertThat(SimulatedPool.placement(db)).isEqualTo(before);
        }
    }

    @Test
    void rrdUpdatesAnsweredHttp500IsRetriedAndTheHostKeepsItsMetrics(TestDatabase database) throws Exception {
        DSLContext db = database.database().dsl();
        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults())) {
            // the first of the two hosts' parallel GETs is answered HTTP 500 (one only: with two, one host's retry
            // could meet the second); a read may be repeated, so the host still gets its metrics
            simulator.admin().failNextRrdUpdates(1);
            CollectionResult result = OneCollection.collect(SimulatedPool.xapi(simulator), database.database());

            assertThat(result.outcome()).as(result.warnings().toString()).isEqualTo(CollectionResult.Outcome.SUCCESS);
            assertThat(db.select(HOST.CpuAverage).from(HOST).fetch(HOST.CpuAverage)).hasSize(2).doesNotContainNull();
        }
    }

    @Test
    void someCallsDroppedEitherCollectsWholeOrFailsCleanly(TestDatabase database) throws Exception {
        DSLContext db = database.database().dsl();
        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults().withSeed(7))) {
            OneCollection.collect(SimulatedPool.xapi(simulator), database.database());
            simulator.admin().setDropShare(0.2);
            int succeeded = 0;
            for (int i = 0; i < 8; i++) {
                try {
                    CollectionResult result = OneCollection.collect(SimulatedPool.xapi(simulator),
                            database.database());
                    succeeded++;
                    // a dropped /rrd_updates only costs that host's metrics
                    assertThat(result.outcome()).isIn(CollectionResult.Outcome.SUCCESS, CollectionResult.Outcome.PARTIAL);
                } catch (UserFacingException e) {
                    assertThat(e.exitCode()).isIn(ExitCode.POOL_UNREACHABLE, ExitCode.FAILURE);
                }
                // whatever happened, the picture is whole
                assertThat(SimulatedPool.placement(db)).hasSize(5);
                assertThat(db.fetchCount(VM)).isEqualTo(5);
                assertThat(db.fetchCount(MAP)).isEqualTo(5);
            }
            // with one retry per read, most runs get through a 20 % drop rate
            assertThat(succeeded).isPositive();
        }
    }
}
