package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.collector.CollectionResult;
import org.xcpbalancer.collector.CollectionService;
import org.xcpbalancer.collector.CollectorSettings;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Issue 16, item 4: XAPI sets no limit on names and tags. A pool whose VMs have a 300-character name and tag,
 * quotes, backslashes, a newline and emoji in their names is collected whole, and the console shows each name
 * (a newline escaped, so one VM stays one line).
 */
@ExtendWith(MariaDbExtension.class)
class OddNamesTest {
    static final String LONG_NAME = "L" + "o".repeat(298) + "g";
    static final String LONG_TAG = "t".repeat(300);
    static final String QUOTED = "it's \"quoted\" \\ back";
    static final String TWO_LINES = "two\nlines";
    static final String EMOJI = "emoji \uD83D\uDE00 VM";
    private static RunningSimulator simulator;
    private static CollectionResult collected;
    private final ConsoleDriver console;

    OddNamesTest(TestDatabase db) {
        this.console = new ConsoleDriver(db.database()).at(Clock.systemUTC());
    }

    @BeforeAll
    static void collect(TestDatabase db) throws Exception {
        Map<String, Object> scenario = Map.of(
                "pool", "Pool " + "p".repeat(295),
                "hosts", List.of(Map.of("name", "Host \uD83D\uDE80", "cpus", 4, "memoryMb", 8192, "master", true)),
                "vms", List.of(
                        Map.of("name", LONG_NAME, "host", "Host \uD83D\uDE80", "vcpus", 1, "memoryMb", 256, "tags", List.of(LONG_TAG, "xcp-balancer:ignore")),
                        Map.of("name", QUOTED, "host", "Host \uD83D\uDE80", "vcpus", 1, "memoryMb", 256),
                        Map.of("name", TWO_LINES, "host", "Host \uD83D\uDE80", "vcpus", 1, "memoryMb", 256),
                        Map.of("name", EMOJI, "host", "Host \uD83D\uDE80", "vcpus", 1, "memoryMb", 256)));
        simulator = SimulatorServer.start(ScenarioLoader.parse(new ObjectMapper().writeValueAsString(scenario), "odd names"),
                SimulatorOptions.defaults());
        try (CollectionService service = new CollectionService(db.database(), CollectorSettings.defaults(),
                Clock.systemUTC())) {
            collected = service.collectOnce(XapiSettings.plain(simulator.masterUrl(), "root", Secret.of("root")),
                    notice -> { });
        }
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void thePoolIsCollectedWhole(TestDatabase db) {
        assertThat(collected.outcome()).isEqualTo(CollectionResult.Outcome.SUCCESS);
        assertThat(collected.vmCount()).isEqualTo(5);
        assertThat(db.database().dsl().fetchValue("SELECT `Tag` FROM `VmTag` WHERE CHAR_LENGTH(`Tag`) = 300"))
                .isEqualTo(LONG_TAG);
    }

    @Test
    void showVmsListsEveryNameOneVmPerLine() {
        var run = console.piped("SHOW VMS");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.outLines()).hasSize(5).anyMatch(l -> l.endsWith(" - " + LONG_NAME))
                .anyMatch(l -> l.endsWith(" - " + QUOTED)).anyMatch(l -> l.endsWith(" - two\\nlines"))
                .anyMatch(l -> l.endsWith(" - " + EMOJI));
    }

    @Test
    void showVmFindsEachByName() {
        var run = console.piped("SHOW VM " + LONG_NAME, "SHOW VM " + EMOJI, "SHOW VM it\\'s\\ \\\"quoted\\\"\\ \\\\\\ back");
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).contains("Name - " + LONG_NAME, "Name - " + EMOJI, "Name - " + QUOTED);
    }
}
