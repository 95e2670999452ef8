package org.xcpbalancer.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The guide's install block, which InstallAsDocumentedIT runs, keeps every step an operator needs. */
class InstallStepsTest {
    private final Path guide = ReadmeExitCodes.checkout().resolve("docs/operations.md");

    @Test
    void theGuideInstallsUserDirectoriesPrivateSettingsAndSchedule() throws IOException {
        assertThat(InstallSteps.fromGuide(guide).documented())
                .anyMatch(line -> line.startsWith("useradd --system") && line.endsWith(" xcp-balancer"))
                .anyMatch(line -> line.startsWith("tar -xzf xcp-balancer-$version.tar.gz -C /opt"))
                .anyMatch(line -> line.contains("-m 750 /var/lib/xcp-balancer /var/log/xcp-balancer"))
                .anyMatch(line -> line.contains("-m 600 /opt/xcp-balancer/etc/settings.properties.example /etc/xcp-balancer/settings.properties"))
                .anyMatch(line -> line.endsWith("/etc/cron.d/xcp-balancer"))
                .noneMatch(line -> line.contains("mvn"));
    }

    @Test
    void theTestPrefixMovesOnlySystemFolders() throws IOException {
        String script = InstallSteps.fromGuide(guide).forPrefix(Path.of("/tmp/p"), "1.0", "nobody", "nogroup");

        assertThat(script).contains("tar -xzf xcp-balancer-$version.tar.gz -C /tmp/p/opt\\n".replace("\\n", "\n"))
                .contains("install -d -o nobody -g nogroup -m 750 /tmp/p/var/lib/xcp-balancer /tmp/p/var/log/xcp-balancer")
                .contains("version=1.0\n").doesNotContain("useradd").doesNotContain("$EDITOR")
                .doesNotContain(" /etc/").doesNotContain(" /opt/");
        assertThat(InstallSteps.inPrefix(Path.of("/p"), "run >>/var/log/x.log 2>&1; cat /etc/a"))
                .isEqualTo("run >>/p/var/log/x.log 2>&1; cat /p/etc/a");
    }
}
