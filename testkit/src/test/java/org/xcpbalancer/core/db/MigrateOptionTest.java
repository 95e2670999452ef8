package org.xcpbalancer.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.core.cli.CommonOptions;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.Launcher;
import org.xcpbalancer.core.settings.DatabaseSettings;
import org.xcpbalancer.testkit.MariaDbExtension;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Issue 12: --migrate, which every program takes, runs Flyway at start even when the quick schema check finds the
 * schema current: Flyway then validates what was applied (and changes nothing on a current schema).
 */
@ExtendWith(MariaDbExtension.class)
class MigrateOptionTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** A program as the real ones are: the common options, and the database opened at start. */
    @Command(name = "xcp-opens")
    static final class OpensTheDatabase implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        private final DatabaseSettings settings;

        OpensTheDatabase(DatabaseSettings settings) {
            this.settings = settings;
        }

        @Override
        public Integer call() {
            try (Database database = Database.open(settings)) {
                return ExitCode.OK.code();
            }
        }
    }

    @AfterEach
    void backToTheDefault() {
        Database.runFlywayAtEveryOpen(false);
    }

    private int run(DatabaseSettings settings, String... args) {
        PrintStream systemErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return Launcher.run("xcp-opens", new OpensTheDatabase(settings), args);
        } finally {
            System.setErr(systemErr);
        }
    }

    @Test
    void onACurrentSchemaMigrateValidatesAndChangesNothing() {
        String name = MariaDbExtension.createEmptyDatabase("current");
        DatabaseSettings settings = MariaDbExtension.server().settings(name);
        try {
            assertThat(run(settings)).as("first start: migrated").isZero();
            int rows = historyRows(settings);
            assertThat(run(settings, "--migrate")).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(historyRows(settings)).as("nothing applied again").isEqualTo(rows);
        } finally {
            MariaDbExtension.server().dropDatabase(name);
        }
    }

    @Test
    void migrateReportsAnAppliedMigrationThisVersionDoesNotHaveWhichTheQuickCheckLetsBy() {
        String name = MariaDbExtension.createEmptyDatabase("foreign");
        DatabaseSettings settings = MariaDbExtension.server().settings(name);
        try {
            assertThat(run(settings)).isZero();
            try (Database database = Database.connect(settings)) {
                // As if another build had applied a migration 1.5 that this one never shipped.
                database.dsl().execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                        + " script, checksum, installed_by, execution_time, success) VALUES (1000, '1.5', 'elsewhere',"
                        + " 'SQL', 'V1_5__elsewhere.sql', 1, 'root', 0, 1)");
            }
            assertThat(run(settings)).as("the quick check finds every bundled migration applied").isZero();

            assertThat(run(settings, "--migrate")).isEqualTo(ExitCode.DATABASE_UNREACHABLE.code());
            assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                    .startsWith("xcp-opens: database schema could not be brought up to date: ")
                    .contains("not resolved locally: 1.5");
        } finally {
            MariaDbExtension.server().dropDatabase(name);
        }
    }

    private static int historyRows(DatabaseSettings settings) {
        try (Database database = Database.connect(settings)) {
            return database.dsl().fetchCount(database.dsl().selectFrom("flyway_schema_history"));
        }
    }
}
