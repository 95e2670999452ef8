package org.xcpbalancer.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/** The start-up check that lets a program skip Flyway must agree with Flyway on what "up to date" means. */
@ExtendWith(MariaDbExtension.class)
class SchemaCheckTest {

    private static Map<String, Integer> history(Database database) {
        Map<String, Integer> rows = new HashMap<>();
        database.dsl().fetch("SELECT version, checksum FROM flyway_schema_history WHERE version IS NOT NULL")
                .forEach(row -> rows.put(row.get(0, String.class), row.get(1, Integer.class)));
        return rows;
    }

    @Test
    void everyBundledMigrationIsListedWithTheChecksumFlywayRecorded(TestDatabase db) throws SQLException {
        Map<String, Integer> bundled = SchemaCheck.bundledChecksums();
        assertThat(bundled).as("db/migrations/V*.sql listed at build time").containsKeys("1", "2", "3");
        assertThat(history(db.database())).containsAllEntriesOf(bundled);
        assertThat(SchemaCheck.isCurrent(db.database().dataSource())).isTrue();
    }

    @Test
    void aDatabaseBehindIsMigratedByOpen() throws SQLException {
        String name = MariaDbExtension.createEmptyDatabase("behind");
        var settings = MariaDbExtension.server().settings(name);
        try (Database database = Database.connect(settings)) {
            assertThat(SchemaCheck.isCurrent(database.dataSource())).as("no history table yet").isFalse();
            Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration").target("1")
                    .load().migrate();
            assertThat(SchemaCheck.isCurrent(database.dataSource())).as("only V1 applied").isFalse();
        }
        try (Database database = Database.open(settings)) {
            assertThat(history(database)).containsAllEntriesOf(SchemaCheck.bundledChecksums());
            assertThat(SchemaCheck.isCurrent(database.dataSource())).isTrue();
        } finally {
            MariaDbExtension.server().dropDatabase(name);
        }
    }

    @Test
    void aChangedOrFailedMigrationSendsTheStartThroughFlyway() throws SQLException {
        String name = MariaDbExtension.createEmptyDatabase("changed");
        var settings = MariaDbExtension.server().settings(name);
        try (Database database = Database.open(settings)) {
            database.dsl().execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
            assertThat(SchemaCheck.isCurrent(database.dataSource())).as("V1 changed since applied").isFalse();
            database.dsl().execute("UPDATE flyway_schema_history SET checksum = checksum - 1, success = 0 WHERE version = '1'");
            assertThat(SchemaCheck.isCurrent(database.dataSource())).as("V1 recorded as failed").isFalse();
        } finally {
            MariaDbExtension.server().dropDatabase(name);
        }
    }
}
