package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.POOL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.manager.console.OutputFormat;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/** The console's additions: tables with figures, data age, migrations, history, runs, help, JSON. */
@ExtendWith(MariaDbExtension.class)
class NewCommandsTest {
    private final ConsoleDriver console;
    private final TestDatabase db;

    NewCommandsTest(TestDatabase db) {
        this.db = db;
        this.console = new ConsoleDriver(db.database());
    }

    @BeforeAll
    static void fillPool(TestDatabase db) {
        int poolId = PaperPoolFixture.insert(db.database());
        PaperPoolFixture.insertHistory(db.database(), poolId);
    }

    @Test
    void showHostsFullIsAnAlignedTableWithTheKeyFiguresAndTheDataAge() {
        List<String> lines = console.piped("SHOW HOSTS FULL").outLines();
        assertThat(lines.get(0)).isEqualTo("Pool paper: collected 42 s ago");
        assertThat(lines.get(1)).startsWith("NAME ").contains("CPU%", "MEMORY USED/TOTAL MB", "VMS", "UUID");
        assertThat(lines.get(1)).contains("STATE");
        assertThat(lines.get(2)).matches("Host1 +up +25\\.4 +4 +1324 / 4069 +32\\.5 +1 +0\\.12 +192\\.168\\.0\\.101 +"
                + PaperPoolFixture.HOST1);
        assertThat(lines.get(3)).matches("Host2 +up +100\\.0 +4 +2544 / 4069 +62\\.5 +2 +0\\.87 +192\\.168\\.0\\.102 +"
                + PaperPoolFixture.HOST2);
        assertThat(lines.get(4)).isEqualTo("2 hosts");
        // aligned: every column starts at the same offset on every row
        int uuidColumn = lines.get(1).indexOf("UUID");
        assertThat(lines.get(2).indexOf(PaperPoolFixture.HOST1)).isEqualTo(uuidColumn);
        assertThat(lines.get(3).indexOf(PaperPoolFixture.HOST2)).isEqualTo(uuidColumn);
    }

    @Test
    void showVmsOrderByAndLike() {
        List<String> byCpu = console.piped("SHOW VMS ORDER BY cpu DESC").outLines();
        assertThat(byCpu.subList(2, 7)).extracting(l -> l.split("  ")[0].strip())
                .containsExactly("VM2 - Debian", "VM3 - Ubuntu", "VM1 - Debian", "Control domain on host: Host2",
                        "Control domain on host: Host1");
        assertThat(byCpu.get(2)).contains("Host2", "Running", "100.0", "158 / 256");

        List<String> debian = console.piped("show vms like debian order by memory").outLines();
        assertThat(debian.subList(2, debian.size() - 1)).extracting(l -> l.split("  ")[0])
                .containsExactly("VM2 - Debian", "VM1 - Debian");
        assertThat(debian.get(debian.size() - 1)).isEqualTo("2 VMs");

        List<String> wildcard = console.piped("SHOW VMS LIKE 'VM_ - %'").outLines();
        assertThat(wildcard).hasSize(2 + 3 + 1);
    }

    @Test
    void staleDataIsShownWithAWarning() {
        Clock later = Clock.fixed(PaperPoolFixture.NOW.plusSeconds(600), ZoneOffset.UTC);
        var transcript = console.at(later).piped("SHOW HOSTS FULL", "SHOW VMS");
        assertThat(transcript.outLines().get(0)).isEqualTo("Pool paper: collected 10 min ago");
        assertThat(transcript.errLines()).containsOnly("xcp-manager: line 1: Warning: the last collection of pool paper "
                + "was 10 min ago (more than manager.staleAfter, 3 min): is xcp-collect running?",
                "xcp-manager: line 2: Warning: the last collection of pool paper was 10 min ago (more than "
                + "manager.staleAfter, 3 min): is xcp-collect running?");
        // a warning is not a failure
        assertThat(transcript.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(console.at(Clock.fixed(PaperPoolFixture.NOW, ZoneOffset.UTC)).piped("SHOW VMS").err()).isEmpty();
    }

    @Test
    void showMigrationsIsTheControllersLog() {
        List<String> lines = console.piped("SHOW MIGRATIONS").outLines();
        assertThat(lines.get(0)).contains("WHEN (UTC)", "VM", "FROM", "TO", "RULE", "PREDICTED", "MEASURED", "OUTCOME", "DURATION");
        assertThat(lines.get(1)).contains("2026-11-22 15:58:49", "VM2 - Debian", "Host2", "Host1", "CpuAverage > 25",
                "100 -> 50 / 25.4 -> 75.4", "52 / 74", "succeeded", "11.2 s");
    }

    @Test
    void showHistoryHostDrawsASparkline() {
        List<String> lines = console.piped("SHOW HISTORY HOST Host2").outLines();
        assertThat(lines.get(0)).startsWith("Host Host2: 12 samples, 2026-11-22 15:48:18 to 2026-11-22 15:59:18");
        // CPU climbs from 40 to 100 %, then stays: the bars rise then stay at the top
        assertThat(lines.get(1)).isEqualTo("CPU %     ▄▅▅▆▇▇██████  (0-100)");
        assertThat(lines.get(2)).startsWith("Memory MB ").endsWith("(0-4069)");
        assertThat(lines.get(3)).contains("SAMPLED (UTC)", "CPU%");
        assertThat(lines.get(4)).contains("2026-11-22 15:59:18", "100.0", "2544 / 4069");
        assertThat(console.piped("SHOW HISTORY HOST Host2 LIMIT 3").outLines().get(0)).contains("3 samples");
        assertThat(console.piped("SHOW HISTORY HOST Host1").outLines()).containsExactly("No samples of host Host1 yet.");
    }

    @Test
    void showRunsListsCollectionsAndControlRunsNewestFirst() {
        List<String> lines = console.piped("SHOW RUNS").outLines();
        assertThat(lines.get(0)).contains("STARTED (UTC)", "RUN", "OUTCOME", "DURATION", "DETAILS");
        assertThat(lines.get(1)).contains("collect", "success", "350 ms", "2 hosts, 5 VMs, 7 XAPI requests");
        assertThat(lines.get(2)).contains("control", "migrated", "12 s", "1 migration: VM2 - Debian Host2 -> Host1");
        assertThat(lines.get(3)).contains("collect", "partial", "host Host2: /rrd_updates timed out after 10s");
    }

    @Test
    void helpListsEveryCommand() {
        String help = console.piped("HELP").out();
        for (String usage : List.of("SHOW VMS", "SHOW VM <uuid or name>", "SHOW HOSTS", "SHOW HOST <uuid or name>",
                "SHOW RULES HOST", "CREATE RULE HOST [<subject> <threshold> [AND ...]|SCORE ...]", "DELETE RULE HOST [<subject> [AND ...]|SCORE ...]",
                "SHOW MIGRATIONS", "SHOW HISTORY HOST", "SHOW RUNS", "USE POOL", "SHOW POOLS", "HELP", "EXIT", "QUIT")) {
            assertThat(help).contains(usage);
        }
        assertThat(console.piped("help show rules").outLines()).hasSize(1).allMatch(l -> l.startsWith("SHOW RULES HOST"));
    }

    @Test
    void exitAndQuitEndTheSession() {
        assertThat(console.piped("EXIT", "SHOW HOSTS").out()).isEmpty();
        assertThat(console.piped("quit", "SHOW HOSTS").out()).isEmpty();
    }

    @Test
    void jsonOutputParsesAndCarriesTheFigures() throws Exception {
        var transcript = console.format(OutputFormat.JSON).piped("SHOW HOSTS", "SHOW VM VM1 - Debian", "SHOW RULES HOST",
                "SHOW MIGRATIONS", "SHOW RUNS", "SHOW HISTORY HOST Host2", "SHOW POOLS", "HELP");
        List<String> documents = transcript.outLines();
        assertThat(documents).hasSize(8);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode hosts = mapper.readTree(documents.get(0));
        assertThat(hosts.get("pool").asText()).isEqualTo("paper");
        assertThat(hosts.get("ageSeconds").asLong()).isEqualTo(42);
        assertThat(hosts.get("stale").asBoolean()).isFalse();
        assertThat(hosts.get("hosts")).hasSize(2);
        assertThat(hosts.get("hosts").get(1).get("cpuAverage").asDouble()).isEqualTo(100.0);
        assertThat(hosts.get("hosts").get(1).get("vmCount").asInt()).isEqualTo(2);
        JsonNode vm = mapper.readTree(documents.get(1)).get("vm");
        assertThat(vm.get("name").asText()).isEqualTo("VM1 - Debian");
        assertThat(vm.get("hostName").asText()).isEqualTo("Host1");
        assertThat(vm.get("vcpuAverage").asDouble()).isEqualTo(50.0);
        for (String document : documents) {
            assertThat(mapper.readTree(document).isObject()).isTrue();
        }
        assertThat(mapper.readTree(documents.get(3)).get("migrations").get(0).get("state").asText()).isEqualTo("succeeded");
    }

    @Test
    void severalPoolsNeedUsePool() {
        TestDatabase other = db;
        PaperPoolFixture.insert(other.database(), "lab", "6a1b2c3d-0000-4000-8000-00000000beef", "-lab",
                PaperPoolFixture.NOW.minusSeconds(5));
        try {
            var transcript = console.piped("SHOW HOSTS", "SHOW POOLS", "USE POOL lab", "SHOW HOSTS", "CREATE RULE HOST CpuAverage 20",
                    "USE POOL paper", "SHOW RULES HOST");
            assertThat(transcript.errLines()).containsExactly("xcp-manager: line 1: 2 pools share this database (lab, paper): "
                    + "choose one with USE POOL <name>");
            assertThat(transcript.out()).contains("Using pool lab: 2 hosts, 3 VMs, collected 5 s ago.",
                    "- " + PaperPoolFixture.HOST1 + "-lab - Host1",
                    "Rules - Balance host when:\n(no rules: xcp-control moves nothing; CREATE RULE HOST adds one)");
        } finally {
            other.database().dsl().deleteFrom(POOL)
                    .where(POOL.Name.eq("lab")).execute();
        }
    }
}
