package org.xcpbalancer.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.xcpbalancer.core.settings.DatabaseSettings;
import org.xcpbalancer.core.settings.Secret;

/** The schema on real MySQL 8 where a Docker engine exists; skipped cleanly where none does (our machines). */
@Testcontainers(disabledWithoutDocker = true)
class MySqlCompatibilityTest {
    @Container
    private static final MySQLContainer<?> MYSQL = new MySQLContainer<>("mysql:8.4");

    @Test
    void migrationsApplyOnMySql8() {
        var settings = DatabaseSettings.of(MYSQL.getJdbcUrl(), MYSQL.getUsername(), Secret.of(MYSQL.getPassword()));
        try (Database database = Database.open(settings)) {
            assertThat(database.dsl().fetchCount(database.dsl().selectFrom("Host"))).isZero();
        }
    }
}
