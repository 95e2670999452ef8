package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.POOL;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.core.state.RuleRepository;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Issue 5's acceptance: the paper's pool served by the simulator, collected into a real MariaDB by the real
 * collector, then every original command with the exact original wording, the questions, rules seen by the next
 * session, the new commands and bad input, through the console's streams.
 */
@ExtendWith(MariaDbExtension.class)
class CollectedPaperPoolTest {
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static RunningSimulator simulator;

    private final TestDatabase db;
    private final ConsoleDriver console;

    CollectedPaperPoolTest(TestDatabase db) {
        this.db = db;
        this.console = new ConsoleDriver(db.database()).at(Clock.systemUTC());
    }

    @BeforeAll
    static void collect(TestDatabase db) throws Exception {
        simulator = SimulatorServer.start(ScenarioLoader.builtin("paper-unbalanced"), SimulatorOptions.defaults());
        PaperPoolFixture.collect(XapiSettings.plain(simulator.masterUrl(), "root", Secret.of("root")), db.database());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void showVmsIsTheOriginalList() {
        List<String> lines = console.piped("SHOW VMS").outLines();
        assertThat(lines).hasSize(5).allMatch(l -> l.matches("- " + UUID + " - .+"));
        assertThat(lines).extracting(l -> l.substring(2 + 36 + 3)).containsExactlyInAnyOrder("VM1 - Debian",
                "VM2 - Debian", "VM3 - Ubuntu", "Control domain on host: Host1", "Control domain on host: Host2");
    }

    @Test
    void showVmIsLabelledAsTheOriginal() {
        List<String> lines = console.piped("show vm VM1 - Debian").outLines();
        assertThat(lines).hasSize(12);
        assertThat(lines.get(0)).matches("UUID - " + UUID);
        assertThat(lines.get(1)).isEqualTo("Total Memory (MB) - 1024");
        assertThat(lines.get(2)).matches("Free Memory \\(MB\\) - \\d+");
        assertThat(lines.get(3)).matches("Transmitted data on the Virtual Interface \\(Kb/s\\) - \\d+(\\.\\d)?");
        assertThat(lines.get(4)).matches("Received data on the Virtual Interface \\(Kb/s\\) - \\d+(\\.\\d)?");
        assertThat(lines.get(5)).isEqualTo("VCpu Average - 50%");
        assertThat(lines.subList(6, 10)).containsExactly("VCpu Number - 2", "Power State - Running",
                "Control Domain - false", "Name - VM1 - Debian");
        // the host it runs on and its tags, as the JSON has them
        assertThat(lines.get(10)).matches("Host - Host1 \\(" + UUID + "\\)");
        assertThat(lines.get(11)).isEqualTo("Tags - none");
        assertThat(console.piped("SHOW VM 'VM3 - Ubuntu'").outLines()).contains("VCpu Number - 3", "Name - VM3 - Ubuntu");
    }

    @Test
    void showHostsAndShowHostAreTheOriginals() {
        List<String> hosts = console.piped("SHOW HOSTS").outLines();
        assertThat(hosts).hasSize(2);
        assertThat(hosts.get(0)).matches("- " + UUID + " - Host1");
        assertThat(hosts.get(1)).matches("- " + UUID + " - Host2");

        List<String> host2 = console.piped("SHOW HOST Host2").outLines();
        assertThat(host2).hasSize(16);
        assertThat(host2.get(0)).matches("UUID - " + UUID);
        assertThat(host2.get(1)).isEqualTo("Total Memory (MB) - 4069");
        assertThat(host2.get(2)).matches("Free Memory \\(MB\\) - \\d+");
        assertThat(host2.get(3)).matches("Xapi Memory Usage \\(MB\\) - \\d+");
        assertThat(host2.get(4)).matches("Xapi Free Memory \\(MB\\) - \\d+");
        assertThat(host2.get(5)).startsWith("Received data on the Physical Interface Lo (Kb/s) - ");
        assertThat(host2.get(6)).startsWith("Transmitted data on the Physical Interface Lo (Kb/s) - ");
        assertThat(host2.get(7)).startsWith("Received data on the Physical Interface Eth0 (Kb/s) - ");
        assertThat(host2.get(8)).startsWith("Transmitted data on the Physical Interface Eth0 (Kb/s) - ");
        assertThat(host2.get(9)).matches("Dom0 Load Average - \\d+(\\.\\d+)?");
        assertThat(host2.get(10)).isEqualTo("Cpu Load Average - 100%");
        assertThat(host2.get(11)).matches("Ip - .+");
        assertThat(host2.subList(12, 16)).containsExactly("Cpu Number - 4", "Name - Host2", "Enabled - yes", "Live - yes");
        assertThat(console.piped("SHOW HOST Host1").outLines().get(10)).matches("Cpu Load Average - 2[5-7]%");
    }

    @Test
    void rulesAreAskedForSavedAndSeenByTheNextSession() {
        var first = console.interactive("CREATE RULE HOST", "CpuAverage", "25", "Y", "EXIT");
        assertThat(first.out()).contains(String.join("\n",
                "When [PifEth0RxKb/PifEth0TxKb/OccupiedMemoryMb/CpuAverage/OccupiedMemoryPercent]: CpuAverage",
                "Is more than [%]: 25",
                "When CpuAverage is more than 25 % above the medium migrate to the less loaded host",
                "Confirm ? [Y/N] Y",
                "Rule saved."));
        var second = new ConsoleDriver(db.database()).at(Clock.systemUTC()).piped("SHOW RULES HOST");
        assertThat(second.outLines()).containsExactly("Rules - Balance host when:",
                "- CpuAverage is more than 25 % above the medium");
        var third = console.interactive("DELETE RULE HOST", "Y", "SHOW RULES HOST");
        assertThat(third.out()).contains("- CpuAverage is more than 25 % above the medium\n"
                + "Do you want to delete this rule? [Y/N] Y");
        int poolId = db.database().dsl().selectFrom(POOL).fetchOne().getId();
        assertThat(new RuleRepository(db.database()).rules(poolId)).isEmpty();
    }

    @Test
    void theNewCommandsOnCollectedData() {
        List<String> table = console.piped("SHOW HOSTS ORDER BY CPU% DESC").outLines();
        assertThat(table.get(0)).matches("Pool Main Pool: collected \\d+ s ago");
        assertThat(table.get(2)).startsWith("Host2 ");
        assertThat(table.get(3)).startsWith("Host1 ");
        assertThat(table.get(2)).matches("Host2 +up +\\d+\\.\\d +4 +\\d+ / 4069 .*");
        assertThat(console.piped("SHOW RUNS").outLines().get(1)).contains("collect", "success", "2 hosts, 5 VMs");
        assertThat(console.piped("SHOW HISTORY HOST Host2").outLines().get(0)).startsWith("Host Host2: 1 samples");
        assertThat(console.piped("USE POOL Main Pool").outLines()).singleElement().asString()
                .startsWith("Using pool Main Pool: 2 hosts, 3 VMs, collected ");
        assertThat(console.piped("SHOW MIGRATIONS").outLines()).containsExactly("No migrations in pool Main Pool yet.");
    }

    @Test
    void badInputOnCollectedData() {
        var transcript = console.piped("SHOW VM VM4 - Arch", "CREATE RULE HOST CpuAverage 101", "SHOW HOSTS");
        assertThat(transcript.errLines()).containsExactly(
                "xcp-manager: line 1: no VM named or with uuid 'VM4 - Arch' in pool Main Pool (SHOW VMS lists them)",
                "xcp-manager: line 2: a CpuAverage threshold of 101 % can never be reached: give at most 100 %");
        assertThat(transcript.outLines()).hasSize(2);
        assertThat(transcript.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    }
}
