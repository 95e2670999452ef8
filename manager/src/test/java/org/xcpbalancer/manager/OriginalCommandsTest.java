package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.manager.PaperPoolFixture.DOM0_1;
import static org.xcpbalancer.manager.PaperPoolFixture.DOM0_2;
import static org.xcpbalancer.manager.PaperPoolFixture.HOST1;
import static org.xcpbalancer.manager.PaperPoolFixture.HOST2;
import static org.xcpbalancer.manager.PaperPoolFixture.VM1;
import static org.xcpbalancer.manager.PaperPoolFixture.VM2;
import static org.xcpbalancer.manager.PaperPoolFixture.VM3;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.RuleRepository;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/** The original tool's commands, word for word, on the paper's pool (rows as the collector writes them). */
@ExtendWith(MariaDbExtension.class)
class OriginalCommandsTest {
    private static int poolId;
    private final TestDatabase db;
    private final ConsoleDriver console;

    OriginalCommandsTest(TestDatabase db) {
        this.db = db;
        this.console = new ConsoleDriver(db.database());
    }

    @BeforeAll
    static void fillPool(TestDatabase db) {
        poolId = PaperPoolFixture.insert(db.database());
    }

    @BeforeEach
    void noRules() {
        RuleRepository rules = new RuleRepository(db.database());
        rules.rules(poolId).forEach(r -> rules.delete(poolId, r.subject()));
    }

    @Test
    void showVmsListsEveryVmAsUuidDashNameAndControlDomainsByTheirHost() {
        var transcript = console.piped("SHOW VMS");
        assertThat(transcript.outLines()).containsExactly(
                "- " + VM1 + " - VM1 - Debian",
                "- " + VM2 + " - VM2 - Debian",
                "- " + VM3 + " - VM3 - Ubuntu",
                "- " + DOM0_1 + " - Control domain on host: Host1",
                "- " + DOM0_2 + " - Control domain on host: Host2");
        assertThat(transcript.err()).isEmpty();
        assertThat(transcript.exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void showVmGivesEveryFieldLabelledAsTheOriginal() {
        List<String> expected = List.of(
                "UUID - " + VM1,
                "Total Memory (MB) - 1024",
                "Free Memory (MB) - 813",
                "Transmitted data on the Virtual Interface (Kb/s) - 0",
                "Received data on the Virtual Interface (Kb/s) - 6",
                "VCpu Average - 50%",
                "VCpu Number - 2",
                "Power State - Running",
                "Control Domain - false",
                "Name - VM1 - Debian",
                // beyond the original: where it runs and its tags, as the JSON has them
                "Host - Host1 (" + HOST1 + ")",
                "Tags - none");
        assertThat(console.piped("SHOW VM VM1 - Debian").outLines()).isEqualTo(expected);
        assertThat(console.piped("show vm 'VM1 - Debian'").outLines()).isEqualTo(expected);
        assertThat(console.piped("Show Vm \"vm1 - debian\"").outLines()).isEqualTo(expected);
        assertThat(console.piped("SHOW VM VM1\\ -\\ Debian").outLines()).isEqualTo(expected);
        assertThat(console.piped("SHOW VM " + VM1).outLines()).isEqualTo(expected);
        assertThat(console.piped("SHOW VM " + VM1.substring(0, 8)).outLines()).isEqualTo(expected);
    }

    @Test
    void aControlDomainHasNoGuestMetricsAndSaysSo() {
        assertThat(console.piped("SHOW VM " + DOM0_1).outLines()).contains(
                "Free Memory (MB) - not measured",
                "Transmitted data on the Virtual Interface (Kb/s) - not measured",
                "Control Domain - true",
                "Name - Control domain on host: Host1");
    }

    @Test
    void showHostsListsEveryHostAsUuidDashName() {
        assertThat(console.piped("SHOW HOSTS").outLines()).containsExactly(
                "- " + HOST1 + " - Host1",
                "- " + HOST2 + " - Host2");
    }

    @Test
    void showHostGivesEveryFieldLabelledAsTheOriginal() {
        assertThat(console.piped("SHOW HOST Host1").outLines()).containsExactly(
                "UUID - " + HOST1,
                "Total Memory (MB) - 4069",
                "Free Memory (MB) - 2745",
                "Xapi Memory Usage (MB) - 310",
                "Xapi Free Memory (MB) - 190",
                "Received data on the Physical Interface Lo (Kb/s) - 2",
                "Transmitted data on the Physical Interface Lo (Kb/s) - 2",
                "Received data on the Physical Interface Eth0 (Kb/s) - 12",
                "Transmitted data on the Physical Interface Eth0 (Kb/s) - 8",
                "Dom0 Load Average - 0.12",
                "Cpu Load Average - 25%",
                "Ip - 192.168.0.101",
                "Cpu Number - 4",
                "Name - Host1",
                "Enabled - yes",
                "Live - yes");
        assertThat(console.piped("show host " + HOST2).outLines()).contains("Cpu Load Average - 100%", "Name - Host2");
    }

    @Test
    void createRuleHostAsksTheOriginalQuestionsAndSavesOnY() {
        var transcript = console.interactive("CREATE RULE HOST", "CpuAverage", "25", "Y", "SHOW RULES HOST");
        assertThat(transcript.out()).contains(String.join("\n",
                "xcp-manager [paper]> CREATE RULE HOST",
                "When [PifEth0RxKb/PifEth0TxKb/OccupiedMemoryMb/CpuAverage/OccupiedMemoryPercent]: CpuAverage",
                "Is more than [%]: 25",
                "When CpuAverage is more than 25 % above the medium migrate to the less loaded host",
                "Confirm ? [Y/N] Y",
                "Rule saved.",
                "xcp-manager [paper]> SHOW RULES HOST",
                "Rules - Balance host when:",
                "- CpuAverage is more than 25 % above the medium"));
        assertThat(new RuleRepository(db.database()).rules(poolId))
                .containsExactly(new HostRule(RuleSubject.CpuAverage, 25));
        assertThat(transcript.exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void theThresholdQuestionNamesTheSubjectsUnit() {
        var transcript = console.interactive("CREATE RULE HOST", "OccupiedMemoryMb", "512", "y",
                "CREATE RULE HOST", "PifEth0RxKb", "100", "Y", "SHOW RULES HOST");
        assertThat(transcript.out()).contains("Is more than [MB]: 512",
                "When OccupiedMemoryMb is more than 512 MB above the medium migrate to the less loaded host",
                "Is more than [Kb/s]: 100",
                "- OccupiedMemoryMb is more than 512 MB above the medium",
                "- PifEth0RxKb is more than 100 Kb/s above the medium");
    }

    @Test
    void answeringNoWritesNothing() {
        var transcript = console.interactive("CREATE RULE HOST", "CpuAverage", "25", "N");
        assertThat(transcript.out()).contains("Confirm ? [Y/N] N", "Nothing written.");
        assertThat(new RuleRepository(db.database()).rules(poolId)).isEmpty();
    }

    @Test
    void createRuleHostOnOneLine() {
        var transcript = console.piped("CREATE RULE HOST CpuAverage 25", "create rule host occupiedmemorymb 1024 MB",
                "SHOW RULES HOST");
        assertThat(transcript.outLines()).containsExactly(
                "When CpuAverage is more than 25 % above the medium migrate to the less loaded host",
                "Rule saved.",
                "When OccupiedMemoryMb is more than 1024 MB above the medium migrate to the less loaded host",
                "Rule saved.",
                "Rules - Balance host when:",
                "- CpuAverage is more than 25 % above the medium",
                "- OccupiedMemoryMb is more than 1024 MB above the medium");
    }

    @Test
    void aSecondRuleOnTheSameSubjectReplacesTheFirst() {
        var transcript = console.piped("CREATE RULE HOST CpuAverage 25", "CREATE RULE HOST CpuAverage 30");
        assertThat(transcript.outLines()).contains("Rule saved (it replaces: CpuAverage is more than 25 % above the medium).");
        assertThat(new RuleRepository(db.database()).rules(poolId))
                .containsExactly(new HostRule(RuleSubject.CpuAverage, 30));
    }

    @Test
    void deleteRuleHostAsksAboutEachRule() {
        console.piped("CREATE RULE HOST CpuAverage 25", "CREATE RULE HOST OccupiedMemoryMb 512");
        var transcript = console.interactive("DELETE RULE HOST", "Y", "N", "SHOW RULES HOST");
        assertThat(transcript.out()).contains(String.join("\n",
                "xcp-manager [paper]> DELETE RULE HOST",
                "- CpuAverage is more than 25 % above the medium",
                "Do you want to delete this rule? [Y/N] Y",
                "- OccupiedMemoryMb is more than 512 MB above the medium",
                "Do you want to delete this rule? [Y/N] N",
                "1 deleted, 1 kept."));
        assertThat(new RuleRepository(db.database()).rules(poolId))
                .containsExactly(new HostRule(RuleSubject.OccupiedMemoryMb, 512));
    }

    @Test
    void deleteRuleHostWithASubject() {
        console.piped("CREATE RULE HOST CpuAverage 25");
        var transcript = console.piped("DELETE RULE HOST cpuaverage", "SHOW RULES HOST");
        assertThat(transcript.outLines()).startsWith(
                "Rule deleted: CpuAverage is more than 25 % above the medium",
                "Rules - Balance host when:");
        assertThat(new RuleRepository(db.database()).rules(poolId)).isEmpty();
    }
}
