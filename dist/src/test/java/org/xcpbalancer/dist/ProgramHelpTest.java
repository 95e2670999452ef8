package org.xcpbalancer.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xcpbalancer.collector.CollectorCommand;
import org.xcpbalancer.control.ControlMain;
import org.xcpbalancer.core.cli.BuildInfo;
import org.xcpbalancer.core.cli.Launcher;
import org.xcpbalancer.demo.DemoMain;
import org.xcpbalancer.guard.GuardMain;
import org.xcpbalancer.manager.ManagerMain;
import org.xcpbalancer.simulator.SimulatorMain;

/** Every program's --help lists the exit codes exactly as the README does, and --version names version and commit. */
class ProgramHelpTest {
    static Stream<Arguments> programs() {
        return Stream.of(
                Arguments.of("xcp-collect", new CollectorCommand()),
                Arguments.of("xcp-manager", new ManagerMain()),
                Arguments.of("xcp-control", new ControlMain()),
                Arguments.of("xcp-guard", new GuardMain()),
                Arguments.of("xcp-sim", new SimulatorMain()),
                Arguments.of("xcp-demo", new DemoMain()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void helpListsTheReadmeExitCodes(String program, Object command) throws IOException {
        Map<String, String> readme = ReadmeExitCodes.fromReadme(ReadmeExitCodes.checkout().resolve("README.md"));
        String help = Launcher.commandLine(program, command).getUsageMessage();

        assertThat(readme).containsKeys("0", "1", "2", "9");
        assertThat(ReadmeExitCodes.fromHelp(help)).as("exit codes in %s --help:%n%s", program, help)
                .containsExactlyEntriesOf(readme);
        assertThat(help).doesNotContainIgnoringCase("exit codes: 0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void versionNamesVersionAndCommit(String program, Object command) {
        String[] version = Launcher.commandLine(program, command).getCommandSpec().version();
        BuildInfo build = BuildInfo.current();

        assertThat(build.version()).isEqualTo(System.getProperty("xcp.dist.version", build.version()))
                .isNotEqualTo(BuildInfo.UNKNOWN);
        assertThat(version).containsExactly(build.versionLine(program));
        assertThat(version[0]).startsWith(program + " " + build.version() + " (git commit ");
    }
}
