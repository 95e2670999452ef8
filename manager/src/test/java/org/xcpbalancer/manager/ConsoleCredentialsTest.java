package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.testkit.ChildProgram;

/** Issue 16, item 3 for the console: a password written into db.url is masked in all xcp-manager prints. */
class ConsoleCredentialsTest {
    @TempDir
    Path dir;

    @Test
    void passwordsInTheJdbcUrlAreNeverPrintedEvenWithDebug() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        for (String url : new String[] {"jdbc:mysql://xcp:Console-Secret@127.0.0.1:" + port + "/Xen",
                "jdbc:mysql://127.0.0.1:" + port + "/Xen?password=Console-Secret"}) {
            Path settings = dir.resolve("settings.properties");
            Files.writeString(settings, "db.url=" + url + "\ndb.connectTimeout=1s\nmanager.historyFile="
                    + dir.resolve("history") + "\n");
            Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-------"));
            ChildProgram.Result run = ChildProgram.run(dir, ManagerMain.class, Duration.ofSeconds(90),
                    "--settings", settings.toString(), "--debug", "-e", "SHOW POOLS");
            assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.DATABASE_UNREACHABLE.code());
            assertThat(run.all()).doesNotContain("Console-Secret").contains("****", "\tat ");
        }
    }
}
