package org.xcpbalancer.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.testkit.ChildProgram;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Issue 16, item 3: a password written into db.url or xapi.url never appears in anything xcp-collect prints,
 * with or without --debug (error line, stack traces, library logs). The real program runs in a child JVM, so
 * its logging is configured exactly as in production.
 */
@ExtendWith(MariaDbExtension.class)
class CredentialsInUrlsTest {
    private static final Duration LIMIT = Duration.ofSeconds(90);
    @TempDir
    Path dir;

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Path settings(String text) throws IOException {
        Path file = Files.createTempFile(dir, "settings", ".properties");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** Runs xcp-collect with and without --debug; neither output holds the secret, both fail with the code. */
    private void assertNeverPrinted(String settingsText, String secret, ExitCode expected, String shownInstead)
            throws Exception {
        Path settings = settings(settingsText);
        for (boolean debug : new boolean[] {false, true}) {
            ChildProgram.Result run = debug
                    ? ChildProgram.run(dir, CollectorMain.class, LIMIT, "--settings", settings.toString(), "--debug")
                    : ChildProgram.run(dir, CollectorMain.class, LIMIT, "--settings", settings.toString());
            assertThat(run.exitCode()).as(run.all()).isEqualTo(expected.code());
            assertThat(run.all()).as("debug " + debug).doesNotContain(secret).contains(shownInstead);
            if (debug) {
                assertThat(run.err()).as("--debug shows the stack trace").contains("\tat ");
            } else {
                assertThat(run.err().lines().toList()).as(run.err()).hasSize(1);
            }
        }
    }

    @Test
    void passwordAsUserInfoOfTheJdbcUrl() throws Exception {
        int port = closedPort();
        assertNeverPrinted("xapi.url=http://127.0.0.1:" + closedPort() + "\nxapi.password=x\n"
                + "db.url=jdbc:mysql://xcp:Jdbc-UserInfo-Secret@127.0.0.1:" + port + "/Xen\ndb.connectTimeout=1s\n",
                "Jdbc-UserInfo-Secret", ExitCode.DATABASE_UNREACHABLE, "jdbc:mysql://xcp:****@127.0.0.1:" + port + "/Xen");
    }

    @Test
    void passwordAsParameterOfTheJdbcUrl() throws Exception {
        int port = closedPort();
        assertNeverPrinted("xapi.url=http://127.0.0.1:" + closedPort() + "\nxapi.password=x\n"
                + "db.url=jdbc:mysql://127.0.0.1:" + port + "/Xen?user=xcp&password=Jdbc-Param-Secret&useSSL=false\n"
                + "db.connectTimeout=1s\n", "Jdbc-Param-Secret", ExitCode.DATABASE_UNREACHABLE, "password=****&useSSL=false");
    }

    @Test
    void passwordAsUserInfoOfTheXapiUrl(TestDatabase database) throws Exception {
        int port = closedPort();
        assertNeverPrinted("xapi.url=http://root:Xapi-UserInfo-Secret@127.0.0.1:" + port + "\nxapi.password=x\n"
                + "db.url=" + database.jdbcUrl() + "\ndb.username=root\n", "Xapi-UserInfo-Secret", ExitCode.BAD_INPUT,
                "http://root:****@127.0.0.1:" + port);
    }
}
