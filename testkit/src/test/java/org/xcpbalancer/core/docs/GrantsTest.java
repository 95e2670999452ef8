package org.xcpbalancer.core.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.settings.DatabaseSettings;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.state.HostMaintenance;
import org.xcpbalancer.core.state.HostMaintenanceRepository;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.RuleRepository;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.testkit.MariaDbExtension;

/** docs/grants-1-collect.sql and grants-2-others.sql, run as written: each account can do its job and no more. */
@ExtendWith(MariaDbExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrantsTest {
    private static final Path DOCS = Path.of("..", "docs");
    private String database;

    @BeforeAll
    void runTheDocumentedGrants() throws Exception {
        database = MariaDbExtension.createEmptyDatabase("grants");
        runAsRoot("grants-1-collect.sql");
        // xcp-collect starts first on a new installation and creates the schema with its own account.
        try (Database collect = open("xcp_collect", "collect-password")) {
            collect.dsl().execute("INSERT INTO Pool (UUID, Name) VALUES ('p', 'Main Pool')");
            collect.dsl().execute("INSERT INTO Host (UUID, Name, PoolId) VALUES ('h1', 'Host1', (SELECT Id FROM Pool))");
        }
        runAsRoot("grants-2-others.sql");
    }

    private void runAsRoot(String file) throws Exception {
        var server = MariaDbExtension.server();
        try (Connection root = DriverManager.getConnection(server.jdbcUrl(""), "root", "");
                Statement statement = root.createStatement()) {
            for (String sql : SqlScript.statements(DOCS.resolve(file))) {
                statement.execute(sql.replace("Xen.", database + ".").replace("EXISTS Xen ", "EXISTS " + database + " "));
            }
        }
    }

    private Database open(String user, String password) {
        var server = MariaDbExtension.server();
        return Database.open(DatabaseSettings.of(server.jdbcUrl(database), user, Secret.of(password)));
    }

    @Test
    void managerReadsEverythingAndWritesOnlyRules() {
        try (Database manager = open("xcp_manager", "manager-password")) {
            int poolId = manager.dsl().fetchOne("SELECT Id FROM Pool").get(0, Integer.class);
            new RuleRepository(manager).save(poolId, new HostRule(RuleSubject.CpuAverage, 25));
            assertThat(new RuleRepository(manager).rules(poolId)).hasSize(1);
            assertThat(manager.dsl().fetchOne("SELECT COUNT(*) FROM Host").get(0, Integer.class)).isEqualTo(1);
            // CONFIRM HOST DOWN writes the guard's host row and one action, nothing else of the guard's
            manager.dsl().execute("UPDATE GuardHost SET State = 'confirmed_down' WHERE HostUuid = 'none'");
            manager.dsl().execute("INSERT INTO GuardAction (PoolUuid, At, Action, Outcome) VALUES ('p', NOW(), "
                    + "'confirm_host_down', 'done')");
            assertThatThrownBy(() -> manager.dsl().execute("UPDATE GuardVm SET LadderStep = 'none'"))
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("command denied");
            assertThatThrownBy(() -> manager.dsl().execute("DELETE FROM Host"))
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("command denied");
            assertThatThrownBy(() -> manager.dsl().execute("INSERT INTO Migration (PoolId, VmUuid, SourceHostUuid, DestinationHostUuid, State, CreatedAt) VALUES (1, 'v', 'a', 'b', 'planned', NOW())"))
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("command denied");
        }
    }

    @Test
    void theConsoleRecordsMaintenanceRequestsAndTheControllerCarriesThemOut() {
        try (Database manager = open("xcp_manager", "manager-password");
                Database control = open("xcp_control", "control-password")) {
            int poolId = manager.dsl().fetchOne("SELECT Id FROM Pool").get(0, Integer.class);
            Instant now = Instant.now();
            new HostMaintenanceRepository(manager).request(poolId, "h1", "Host1", HostMaintenance.DisabledBy.EVACUATE,
                    Optional.of("new RAM"), "alice (xcp-manager)", now);
            HostMaintenanceRepository controller = new HostMaintenanceRepository(control);
            controller.disabled(poolId, "h1", now);
            controller.step(poolId, "h1", HostMaintenance.State.BLOCKED, "1 VM cannot move",
                    List.of(new HostMaintenance.LeftVm("v1", "render", "has a vGPU")), now);
            assertThat(controller.find(poolId, "h1").orElseThrow().leftVms()).hasSize(1);
            new HostMaintenanceRepository(manager).request(poolId, "h1", "Host1", HostMaintenance.DisabledBy.EVACUATE,
                    Optional.empty(), "alice (xcp-manager)", now); // evacuating again starts the record afresh
            assertThat(new HostMaintenanceRepository(manager).requestEnable(poolId, "h1", "Host1", "bob (xcp-control)", now)
                    .state()).isEqualTo(HostMaintenance.State.ENABLE_REQUESTED);
            assertThatThrownBy(() -> manager.dsl().execute("DELETE FROM HostMaintenanceVm"))
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("command denied");
        }
    }

    @Test
    void controllerWritesItsLogsAndCannotTouchThePoolState() {
        try (Database control = open("xcp_control", "control-password")) {
            control.dsl().execute("INSERT INTO ControlRun (PoolId, StartedAt, Outcome) VALUES (1, NOW(), 'running')");
            control.dsl().execute("INSERT INTO Migration (PoolId, VmUuid, SourceHostUuid, DestinationHostUuid, State, CreatedAt) VALUES (1, 'v', 'a', 'b', 'planned', NOW())");
            control.dsl().execute("UPDATE Migration SET State = 'succeeded'");
            assertThatThrownBy(() -> control.dsl().execute("UPDATE Host SET CpuAverage = 0"))
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("command denied");
            assertThatThrownBy(() -> control.dsl().execute("INSERT INTO HostRule (Subject, Threshold, PoolId) VALUES ('CpuAverage', 10, 1)"))
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("command denied");
        }
    }

    @Test
    void guardWritesItsOwnTablesAndCannotTouchThePoolStateOrTheMigrations() {
        try (Database guard = open("xcp_guard", "guard-password")) {
            guard.dsl().execute("INSERT INTO GuardPool (PoolUuid, PoolName) VALUES ('p', 'Main Pool')");
            guard.dsl().execute("INSERT INTO GuardHost (PoolUuid, HostUuid, HostName) VALUES ('p', 'h1', 'Host1')");
            guard.dsl().execute("UPDATE GuardHost SET State = 'dead', MissedChecks = 3");
            guard.dsl().execute("INSERT INTO GuardVm (PoolUuid, VmUuid, VmName) VALUES ('p', 'v', 'db')");
            guard.dsl().execute("INSERT INTO GuardAction (PoolUuid, At, Action, Outcome) VALUES ('p', NOW(), 'fence', 'planned')");
            guard.dsl().execute("UPDATE GuardAction SET Outcome = 'done'");
            assertThatThrownBy(() -> guard.dsl().execute("UPDATE Host SET CpuAverage = 0"))
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("command denied");
            assertThatThrownBy(() -> guard.dsl().execute("DELETE FROM GuardAction"))
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("command denied");
        }
    }

    @Test
    void reportAccountOnlyReads() {
        try (Database report = open("xcp_report", "report-password")) {
            assertThat(report.dsl().fetchOne("SELECT COUNT(*) FROM Pool").get(0, Integer.class)).isEqualTo(1);
            assertThatThrownBy(() -> report.dsl().execute("DELETE FROM HostRule"))
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("command denied");
        }
    }
}
