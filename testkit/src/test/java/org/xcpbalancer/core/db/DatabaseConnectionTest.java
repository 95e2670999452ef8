package org.xcpbalancer.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.settings.DatabaseSettings;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

@ExtendWith(MariaDbExtension.class)
class DatabaseConnectionTest {

    @Test
    void unreachableDatabaseIsOneLineWithItsOwnExitCode() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var settings = new DatabaseSettings("jdbc:mysql://127.0.0.1:" + closedPort + "/Xen", "xcp",
                Secret.of("topsecret"), 2, Duration.ofSeconds(1));
        assertThatThrownBy(() -> Database.open(settings))
                .isInstanceOfSatisfying(UserFacingException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.DATABASE_UNREACHABLE);
                    assertThat(e.getMessage()).startsWith("database jdbc:mysql://127.0.0.1:" + closedPort + "/Xen cannot be reached as xcp: ")
                            .doesNotContain("topsecret").doesNotContain("\n");
                });
    }

    @Test
    void wrongPasswordIsReportedWithoutThePassword(TestDatabase db) {
        var settings = new DatabaseSettings(db.jdbcUrl(), "root", Secret.of("not-the-password"), 2, Duration.ofSeconds(2));
        assertThatThrownBy(() -> Database.open(settings))
                .isInstanceOfSatisfying(UserFacingException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.DATABASE_UNREACHABLE);
                    assertThat(e.getMessage()).contains("Access denied").doesNotContain("not-the-password");
                });
    }

    @Test
    void connectionsRunInUtc(TestDatabase db) {
        assertThat(db.database().dsl().fetchOne("SELECT @@session.time_zone").get(0, String.class)).isIn("+00:00", "UTC");
    }

    @Test
    void aPasswordWrittenIntoTheJdbcUrlIsMaskedInTheMessage() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var settings = new DatabaseSettings("jdbc:mysql://127.0.0.1:" + closedPort + "/Xen?user=xcp&password=hunter2&useSSL=false",
                "xcp", Secret.EMPTY, 2, Duration.ofSeconds(1));
        assertThatThrownBy(() -> Database.open(settings)).isInstanceOfSatisfying(UserFacingException.class,
                e -> assertThat(e.getMessage()).doesNotContain("hunter2").contains("password=****&useSSL=false"));
    }
}
