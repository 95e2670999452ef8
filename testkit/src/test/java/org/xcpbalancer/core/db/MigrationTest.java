package org.xcpbalancer.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.HOST;
import static org.xcpbalancer.core.db.generated.Tables.MAP;
import static org.xcpbalancer.core.db.generated.Tables.POOL;
import static org.xcpbalancer.core.db.generated.Tables.VM;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

@ExtendWith(MariaDbExtension.class)
class MigrationTest {

    private static List<String> columns(Connection connection, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getColumns(connection.getCatalog(), null, table, null)) {
            while (rs.next()) {
                names.add(rs.getString("COLUMN_NAME"));
            }
        }
        return names;
    }

    private static int appliedMigrations(Database database) {
        return database.dsl().fetchCount(database.dsl().selectFrom("flyway_schema_history").where("success = 1"));
    }

    @Test
    void originalTablesKeepTheirExactNames(TestDatabase db) throws SQLException {
        try (Connection connection = db.database().connection()) {
            assertThat(columns(connection, "Host")).startsWith("UUID", "MemoryTotalMb", "MemoryFreeMb",
                    "XapiMemoryUsageMb", "XapiFreeMemoryMb", "PifLoRxKb", "PifLoTxKb", "PifEth0RxKb", "PifEth0TxKb",
                    "Dom0LoadAvg", "CpuAverage", "Ip", "CpuNum", "Name");
            assertThat(columns(connection, "Vm")).startsWith("UUID", "MemoryMb", "MemoryInternalFreeMb", "Vif0TxKb",
                    "Vif0RxKb", "VcpuAverage", "VcpuNum", "PowerState", "IsControlDomain", "Name");
            assertThat(columns(connection, "Map")).containsExactlyInAnyOrder("HostUuid", "VmUuid");
            assertThat(columns(connection, "HostRule")).startsWith("Subject", "Threshold");
        }
    }

    @Test
    void sqlWrittenForTheOriginalSchemaStillWorks(TestDatabase db) {
        var dsl = db.database().dsl();
        dsl.execute("INSERT INTO Host (UUID, MemoryTotalMb, MemoryFreeMb, CpuAverage, CpuNum, Name) VALUES ('h-1', 4069, 2000, 25.5, 4, 'Host1')");
        dsl.execute("INSERT INTO Vm (UUID, MemoryMb, VcpuAverage, VcpuNum, PowerState, IsControlDomain, Name) VALUES ('v-1', 1024, 50, 2, 'Running', 0, 'VM1')");
        dsl.execute("INSERT INTO Map (HostUuid, VmUuid) VALUES ('h-1', 'v-1')");
        var row = dsl.fetchOne("SELECT h.Name, v.Name, v.VcpuAverage FROM Host h JOIN Map m ON m.HostUuid = h.UUID JOIN Vm v ON v.UUID = m.VmUuid");
        assertThat(row.get(0, String.class)).isEqualTo("Host1");
        assertThat(row.get(1, String.class)).isEqualTo("VM1");
        assertThat(row.get(2, Double.class)).isEqualTo(50.0);
        // removing a VM removes its Map row (foreign key), as the collector relies on
        dsl.execute("DELETE FROM Vm WHERE UUID = 'v-1'");
        assertThat(dsl.fetchCount(MAP)).isZero();
        dsl.execute("DELETE FROM Host");
    }

    @Test
    void generatedJooqClassesMapTheSchema(TestDatabase db) {
        var dsl = db.database().dsl();
        int poolId = dsl.insertInto(POOL, POOL.UUID, POOL.Name, POOL.LastCollectedAt)
                .values("p-1", "Main Pool", LocalDateTime.of(2026, 1, 2, 3, 4, 5, 6_000_000))
                .returning(POOL.Id).fetchOne().getId();
        dsl.insertInto(HOST, HOST.UUID, HOST.Name, HOST.PoolId, HOST.CpuAverage).values("h-2", "Host2", poolId, 99.5).execute();
        dsl.insertInto(VM, VM.UUID, VM.Name, VM.PoolId, VM.IsControlDomain).values("v-2", "VM2", poolId, false).execute();
        var host = dsl.selectFrom(HOST).where(HOST.UUID.eq("h-2")).fetchOne();
        assertThat(host.getName()).isEqualTo("Host2");
        assertThat(host.getCpuAverage()).isEqualTo(99.5);
        assertThat(host.getEnabled()).isTrue();
        assertThat(dsl.selectFrom(POOL).fetchOne().getLastCollectedAt())
                .isEqualTo(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 6_000_000));
        // deleting the pool removes its rows
        dsl.deleteFrom(POOL).execute();
        assertThat(dsl.fetchCount(HOST)).isZero();
        assertThat(dsl.fetchCount(VM)).isZero();
    }

    @Test
    void migratingAnAlreadyMigratedDatabaseChangesNothing(TestDatabase db) {
        int before = appliedMigrations(db.database());
        assertThat(before).isGreaterThanOrEqualTo(1);
        db.database().migrate();
        try (Database again = Database.open(db.databaseSettings())) {
            assertThat(appliedMigrations(again)).isEqualTo(before);
        }
    }

    @Test
    void emptyDatabaseIsMigratedOnceEvenWhenProgramsStartTogether() throws Exception {
        String name = MariaDbExtension.createEmptyDatabase("concurrent");
        var settings = MariaDbExtension.server().settings(name);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> starts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Callable<Integer> start = () -> {
                    try (Database database = Database.open(settings)) {
                        return appliedMigrations(database);
                    }
                };
                starts.add(pool.submit(start));
            }
            int expected = -1;
            for (Future<Integer> start : starts) {
                int applied = start.get();
                expected = expected < 0 ? applied : expected;
                assertThat(applied).isEqualTo(expected);
            }
            try (Database database = Database.connect(settings)) {
                assertThat(database.dsl().fetchCount(database.dsl().selectFrom("flyway_schema_history")))
                        .as("each migration recorded exactly once").isEqualTo(expected);
                assertThat(database.dsl().fetchCount(HOST)).isZero();
            }
        } finally {
            pool.shutdownNow();
            MariaDbExtension.server().dropDatabase(name);
        }
    }
}
