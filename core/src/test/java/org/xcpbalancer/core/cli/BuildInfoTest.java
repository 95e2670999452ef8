package org.xcpbalancer.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The build records the commit it was built from, which --version prints. */
class BuildInfoTest {
    @Test
    void theBuildRecordsTheCheckoutsCommit() throws IOException, InterruptedException {
        BuildInfo build = BuildInfo.current();
        Path checkout = Path.of("..").toAbsolutePath().normalize();

        assertThat(build.version()).isNotEqualTo(BuildInfo.UNKNOWN);
        if (Files.isDirectory(checkout.resolve(".git"))) {
            Process git = new ProcessBuilder("git", "rev-parse", "HEAD").directory(checkout.toFile()).start();
            String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (git.waitFor() == 0) {
                assertThat(build.commit()).isEqualTo(head);
                return;
            }
        }
        assertThat(build.commit()).isEqualTo(BuildInfo.UNKNOWN);
    }

    @Test
    void theVersionLineNamesProgramVersionCommitAndChanges() {
        assertThat(new BuildInfo("1.2.0", "0123abc", false).versionLine("xcp-collect"))
                .isEqualTo("xcp-collect 1.2.0 (git commit 0123abc)");
        assertThat(new BuildInfo("1.2.0", "0123abc", true).versionLine("xcp-sim"))
                .isEqualTo("xcp-sim 1.2.0 (git commit 0123abc, with uncommitted changes)");
    }
}
