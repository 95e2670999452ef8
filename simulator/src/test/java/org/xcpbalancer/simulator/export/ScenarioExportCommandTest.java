package org.xcpbalancer.simulator.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.cli.Launcher;
import org.xcpbalancer.simulator.SimulatedPool;
import org.xcpbalancer.simulator.SimulatorMain;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.model.SimClock;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/** xcp-sim --export-scenario against a real database, the way an administrator copies a pool to try rules on. */
@ExtendWith(MariaDbExtension.class)
class ScenarioExportCommandTest {
    @TempDir
    static Path dir;
    private static Path settings;

    @BeforeAll
    static void collectedPool(TestDatabase db) throws Exception {
        DSLContext dsl = db.database().dsl();
        dsl.execute("INSERT INTO Pool (Id, UUID, Name, MasterAddress) VALUES (1, 'p-1', 'Main Pool', '10.0.0.1')");
        dsl.execute("INSERT INTO Host (UUID, Name, PoolId, Ip, CpuNum, MemoryTotalMb, MemoryFreeMb, CpuAverage) VALUES "
                + "('h1', 'Host1', 1, '10.0.0.1', 4, 4069, 2229, 26), ('h2', 'Host2', 1, '10.0.0.2', 4, 4069, 1973, 100)");
        dsl.execute("INSERT INTO Vm (UUID, Name, PoolId, VcpuNum, VcpuAverage, MemoryMb, PowerState, IsControlDomain) VALUES "
                + "('v1', 'VM1 - Debian', 1, 2, 50, 1024, 'Running', 0), ('v2', 'VM2 - Debian', 1, 2, 100, 256, 'Running', 0),"
                + " ('v3', 'VM3 - Ubuntu', 1, 3, 67, 1024, 'Running', 0), ('d1', 'Control domain on host: Host1', 1, 4, 1, 752, 'Running', 1)");
        dsl.execute("INSERT INTO Map (HostUuid, VmUuid) VALUES ('h1', 'v1'), ('h2', 'v2'), ('h2', 'v3'), ('h1', 'd1')");
        settings = dir.resolve("settings.properties");
        Files.writeString(settings, "db.url=" + db.jdbcUrl() + "\ndb.username=root\n");
        Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void exportedCopyIsAScenarioTheSimulatorServes() throws Exception {
        Path target = dir.resolve("my-pool.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Launcher.run("xcp-sim", new SimulatorMain(), new String[] {"--export-scenario", target.toString(),
                    "--settings", settings.toString()});
        } finally {
            System.setOut(original);
        }
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Wrote " + target + ": pool Main Pool (simulated copy), 2 hosts, 3 VMs");
        PoolModel copy = SimulatedPool.create(ScenarioLoader.load(target), SimClock.realTime(), 1).model();
        assertThat(copy.master().name()).isEqualTo("Host1");
        assertThat(copy.residentVms(copy.hostByName("Host2"))).extracting(v -> v.name()).contains("VM2 - Debian", "VM3 - Ubuntu");
        assertThat(copy.hostLoad(copy.hostByName("Host2")).cpuAvg()).isGreaterThan(0.99);
    }

    @Test
    void exportNeedsExactlyOneModeAndAKnownPool() {
        assertThat(Launcher.run("xcp-sim", new SimulatorMain(), new String[] {})).isEqualTo(2);
        assertThat(Launcher.run("xcp-sim", new SimulatorMain(), new String[] {"--export-scenario", dir.resolve("x.json").toString(),
                "--settings", settings.toString(), "--pool", "Nope"})).isEqualTo(2);
        assertThat(dir.resolve("x.json")).doesNotExist();
    }
}
