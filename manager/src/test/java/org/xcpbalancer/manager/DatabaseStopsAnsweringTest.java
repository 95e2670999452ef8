package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.settings.DatabaseSettings;
import org.xcpbalancer.testkit.ChildProgram;
import org.xcpbalancer.testkit.CuttableProxy;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Issue 16, item 1 for the console: a database that stops answering (packets dropped, no reset) while
 * xcp-manager -e runs a query ends the program on its own within db.socketTimeout: one line, exit 5.
 */
@ExtendWith(MariaDbExtension.class)
class DatabaseStopsAnsweringTest {
    @TempDir
    Path dir;

    @Test
    void aQueryThatGetsNoAnswerEndsTheConsoleWithExitFive(TestDatabase db) throws Exception {
        PaperPoolFixture.insert(db.database());
        DatabaseSettings real = db.databaseSettings();
        URI jdbc = URI.create(real.jdbcUrl().substring("jdbc:".length()));
        try (CuttableProxy proxy = new CuttableProxy(jdbc.getHost(), jdbc.getPort())) {
            String proxiedUrl = real.jdbcUrl().replace(":" + jdbc.getPort() + "/", ":" + proxy.port() + "/")
                    + (real.jdbcUrl().contains("?") ? "&" : "?") + "sslMode=DISABLED";
            Path settings = dir.resolve("settings.properties");
            Files.writeString(settings, "db.url=" + proxiedUrl + "\ndb.username=" + real.username()
                    + "\ndb.socketTimeout=3s\nmanager.historyFile=" + dir.resolve("history") + "\n");
            Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-------"));
            proxy.blackholeOn("from `vm`");

            ChildProgram.Result run = ChildProgram.run(dir, ManagerMain.class, Duration.ofSeconds(60),
                    "--settings", settings.toString(), "-e", "SHOW VMS");

            assertThat(run.killed()).as("xcp-manager ended on its own").isFalse();
            assertThat(proxy.wasCut()).isTrue();
            assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.DATABASE_UNREACHABLE.code());
            assertThat(run.err().lines().toList()).as(run.err()).singleElement().asString()
                    .matches(ChildProgram.STAMP + "xcp-manager: .*").contains("database");
        }
    }
}
