package org.xcpbalancer.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcpbalancer.core.db.generated.Tables.POOL;
import static org.xcpbalancer.core.db.generated.Tables.VM;
import static org.xcpbalancer.core.db.generated.Tables.VMSAMPLE;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.settings.DatabaseSettings;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.testkit.ChildProgram;
import org.xcpbalancer.testkit.CuttableProxy;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/** A database that dies in the middle of the collection's transaction leaves the previous picture whole. */
@ExtendWith(MariaDbExtension.class)
class DatabaseGoesAwayTest {

    @Test
    void databaseLostMidTransactionKeepsThePreviousPicture(TestDatabase database) throws Exception {
        DSLContext direct = database.database().dsl();
        DatabaseSettings real = database.databaseSettings();
        URI jdbc = URI.create(real.jdbcUrl().substring("jdbc:".length()));
        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults());
                CuttableProxy proxy = new CuttableProxy(jdbc.getHost(), jdbc.getPort())) {
            // Plain text on the wire, so the proxy can see the statements (MariaDB 11.4 offers TLS by default).
            String proxiedUrl = real.jdbcUrl().replace(":" + jdbc.getPort() + "/", ":" + proxy.port() + "/")
                    + (real.jdbcUrl().contains("?") ? "&" : "?") + "sslMode=DISABLED";
            DatabaseSettings viaProxy = new DatabaseSettings(proxiedUrl, real.username(), real.password(), 2,
                    Duration.ofSeconds(2));
            try (Database store = Database.open(viaProxy)) {
                OneCollection.collect(SimulatedPool.xapi(simulator), store);
                Map<String, String> before = SimulatedPool.placement(direct);
                LocalDateTime collectedAt = direct.select(POOL.LastCollectedAt).from(POOL).fetchSingle().value1();
                int samples = direct.fetchCount(VMSAMPLE);
                int vms = direct.fetchCount(VM);

                simulator.model().moveVm(simulator.model().vmByName("VM2 - Debian"), simulator.model().hostByName("Host1"));
                // Pool, Host and Vm rows are already rewritten in the transaction when the Map insert goes out.
                proxy.cutOn("insert into `Map`");
                assertThatThrownBy(() -> OneCollection.collect(SimulatedPool.xapi(simulator), store))
                        .isInstanceOfSatisfying(UserFacingException.class, e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.DATABASE_UNREACHABLE);
                            assertThat(e.getMessage()).doesNotContain("\n").contains("the previous picture is kept");
                        });
                assertThat(proxy.wasCut()).isTrue();

                assertThat(SimulatedPool.placement(direct)).isEqualTo(before).containsEntry("VM2 - Debian", "Host2");
                assertThat(direct.select(POOL.LastCollectedAt).from(POOL).fetchSingle().value1()).isEqualTo(collectedAt);
                assertThat(direct.fetchCount(VMSAMPLE)).isEqualTo(samples);
                assertThat(direct.fetchCount(VM)).isEqualTo(vms);
            }
        }
    }

    /**
     * Issue 16, item 1: packets dropped (no reset) while xcp-collect is inside its write transaction. The real
     * program ends on its own within db.socketTimeout: one line, exit 5, the previous picture kept.
     */
    @Test
    void databaseThatStopsAnsweringMidTransactionEndsTheCronRun(TestDatabase database, @TempDir Path dir) throws Exception {
        DSLContext direct = database.database().dsl();
        DatabaseSettings real = database.databaseSettings();
        URI jdbc = URI.create(real.jdbcUrl().substring("jdbc:".length()));
        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults());
                CuttableProxy proxy = new CuttableProxy(jdbc.getHost(), jdbc.getPort())) {
            String proxiedUrl = real.jdbcUrl().replace(":" + jdbc.getPort() + "/", ":" + proxy.port() + "/")
                    + (real.jdbcUrl().contains("?") ? "&" : "?") + "sslMode=DISABLED";
            Path settings = dir.resolve("settings.properties");
            Files.writeString(settings, "xapi.url=" + simulator.masterUrl() + "\nxapi.password=root\n"
                    + "db.url=" + proxiedUrl + "\ndb.username=" + real.username() + "\ndb.socketTimeout=3s\n");
            Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-------"));
            ChildProgram.Result first = ChildProgram.run(dir, CollectorMain.class, Duration.ofSeconds(60),
                    "--settings", settings.toString());
            assertThat(first.exitCode()).as(first.all()).isZero();
            Map<String, String> before = SimulatedPool.placement(direct);
            LocalDateTime collectedAt = direct.select(POOL.LastCollectedAt).from(POOL).fetchSingle().value1();

            simulator.model().moveVm(simulator.model().vmByName("VM2 - Debian"), simulator.model().hostByName("Host1"));
            proxy.blackholeOn("insert into `Map`");
            ChildProgram.Result run = ChildProgram.run(dir, CollectorMain.class, Duration.ofSeconds(60),
                    "--settings", settings.toString());

            assertThat(run.killed()).as("xcp-collect ended on its own").isFalse();
            assertThat(proxy.wasCut()).isTrue();
            assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.DATABASE_UNREACHABLE.code());
            assertThat(run.err().lines().toList()).as(run.err()).singleElement().asString()
                    // into a file, the line starts with its timestamp (docs/operations.md, Logs)
                    .matches("\\S+ xcp-collect: .*").contains("the previous picture is kept");
            assertThat(SimulatedPool.placement(direct)).isEqualTo(before).containsEntry("VM2 - Debian", "Host2");
            assertThat(direct.select(POOL.LastCollectedAt).from(POOL).fetchSingle().value1()).isEqualTo(collectedAt);
        }
    }
}
