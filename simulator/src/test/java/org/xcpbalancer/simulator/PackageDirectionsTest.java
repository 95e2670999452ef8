package org.xcpbalancer.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The simulator's packages depend on each other one way (docs/simulator.md, "How the simulator is put
 * together"): the model knows neither the RRD store nor the XAPI side, the RRD store does not know the XAPI side.
 */
class PackageDirectionsTest {
    private static final Path SOURCES = Path.of("src/main/java/org/xcpbalancer/simulator");
    private static final Pattern SIMULATOR_IMPORT = Pattern.compile(
            "import (?:static )?org\\.xcpbalancer\\.simulator\\.(\\w+)");

    @Test
    void theModelUsesOnlyTheScenario() throws IOException {
        assertThat(packagesUsedBy("model")).isSubsetOf("scenario");
    }

    @Test
    void theRrdStoreReadsTheModelOnly() throws IOException {
        assertThat(packagesUsedBy("rrd")).isSubsetOf("model", "scenario");
    }

    @Test
    void theScenarioIsPlainInput() throws IOException {
        assertThat(packagesUsedBy("scenario")).isEmpty();
    }

    @Test
    void theXapiSideDoesNotReachBackToTheRoot() throws IOException {
        assertThat(packagesUsedBy("xapi")).isSubsetOf("model", "rrd", "scenario", "fault");
    }

    /** The simulator packages (first segment below org.xcpbalancer.simulator, "(root)" for the root) it imports. */
    private static Set<String> packagesUsedBy(String pkg) throws IOException {
        Set<String> used = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES.resolve(pkg))) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(files).as("sources of " + pkg).isNotEmpty();
        for (Path file : files) {
            Matcher m = SIMULATOR_IMPORT.matcher(Files.readString(file));
            while (m.find()) {
                String first = m.group(1);
                if (Character.isUpperCase(first.charAt(0))) {
                    used.add("(root)"); // SimulatedPool, SimulatorServer, …
                } else if (!first.equals(pkg)) {
                    used.add(first);
                }
            }
        }
        return used;
    }
}
