package org.xcpbalancer.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

    @Test
    void aRunOpensOneConnectionWhichAlsoTellsTheServerKind(TestDatabase db) throws SQLException {
        DatabaseSettings settings = db.databaseSettings();
        try (Connection watcher = DriverManager.getConnection(settings.jdbcUrl(), settings.username(),
                settings.password().reveal())) {
            long before = connectionsMade(watcher);
            try (Database database = Database.open(settings)) {
                assertThat(database.serverKind()).isEqualTo(ServerKind.MARIADB);
                database.dsl().fetchOne("SELECT 1");
                database.transaction(dsl -> dsl.fetchOne("SELECT 2"));
            }
            assertThat(connectionsMade(watcher) - before)
                    .as("the schema check and the run's statements use the first pooled connection, no probe of its own")
                    .isEqualTo(1);
        }
    }

    @Test
    void aUserGivenInTheUrlIsTheOneThatConnects(TestDatabase db) {
        DatabaseSettings settings = db.databaseSettings();
        String withUserInfo = settings.jdbcUrl().replace("jdbc:mysql://",
                "jdbc:mysql://" + settings.username() + ":" + settings.password().reveal() + "@");
        try (Database database = Database.open(new DatabaseSettings(withUserInfo, "nobody-configured", Secret.EMPTY, 2,
                Duration.ofSeconds(2)))) {
            assertThat(database.dsl().fetchOne("SELECT CURRENT_USER()").get(0, String.class))
                    .startsWith(settings.username() + "@");
        }
    }

    /** The server's count of connection attempts since it started (SHOW GLOBAL STATUS 'Connections'). */
    private static long connectionsMade(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Connections'")) {
            row.next();
            return row.getLong(2);
        }
    }
}
