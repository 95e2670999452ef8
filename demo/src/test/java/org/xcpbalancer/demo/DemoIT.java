package org.xcpbalancer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, run as a user runs it. */
class DemoIT {
    @Test
    void demoRunsTheWholeLoopAndExitsZero(@TempDir Path workDir) throws Exception {
        Programs programs = Programs.fromEnvironment();
        ProgramRun demo = programs.run("xcp-demo", List.of("--work-dir", workDir.toString()), Duration.ofMinutes(8));

        assertThat(demo.exitCode()).as("xcp-demo output:\n%s\n%s", demo.stdoutText(), demo.stderrText()).isZero();
        assertThat(demo.stdout()).filteredOn(line -> line.contains("migration: "))
                .as("exactly one migration, from the overloaded Host2 to Host1")
                .singleElement().asString().matches(".*migration: VM[23] - \\w+ from Host2 to Host1: succeeded in [0-9.]+ s");
        assertThat(demo.stdout()).anyMatch(line -> line.matches("\\s*Host2: CPU 100% -> \\d+%, VMs 2 -> 1"));
        assertThat(demo.stdout()).anyMatch(line -> line.matches("\\s*Host1: CPU 2\\d% -> \\d+%, VMs 1 -> 2"));
        assertThat(demo.stdout()).anyMatch(line -> line.contains("Progress:") || line.contains("%"));
        // The report ends with the pool's estimated energy (SHOW ENERGY): nothing powered off, nothing saved.
        assertThat(demo.stdout()).anyMatch(line -> line.matches(
                "\\s*Total: used \\d+\\.\\d{3} kWh; all hosts on .* saved 0\\.000 kWh \\(0\\.0 %\\)\\."));
        assertThat(demo.stderrText()).doesNotContain("Exception");
    }

    @Test
    void unknownScenarioIsOneLineAndExitTwo(@TempDir Path workDir) throws Exception {
        ProgramRun demo = Programs.fromEnvironment().run("xcp-demo",
                List.of("--work-dir", workDir.toString(), "--scenario", workDir.resolve("none.json").toString()),
                Duration.ofMinutes(2));
        assertThat(demo.exitCode()).isEqualTo(2);
        assertThat(demo.stderr()).containsExactly("xcp-demo: " + workDir.resolve("none.json") + ": scenario file not found");
    }
}
