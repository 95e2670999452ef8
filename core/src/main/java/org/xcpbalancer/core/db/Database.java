package org.xcpbalancer.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.jooq.DSLContext;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.xcpbalancer.core.cli.CredentialMask;
import org.xcpbalancer.core.cli.ErrorText;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.settings.DatabaseSettings;

/**
 * The database every program shares: a small connection pool, the schema brought up to date by Flyway at
 * start (safe when several programs start at once: Flyway takes a database lock), and jOOQ on top.
 * Transactions are short; nothing is held open across XAPI calls. Flyway runs only when the schema is behind
 * ({@link SchemaCheck}), and jOOQ is set up on first use: a one-shot run loads neither unless it needs them.
 */
public final class Database implements AutoCloseable {
    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    /** --migrate: Flyway at every open, not only when {@link SchemaCheck} finds a migration missing. */
    private static volatile boolean flywayAtEveryOpen;

    private final HikariDataSource dataSource;
    private final ServerKind serverKind;
    private volatile DSLContext dsl;

    private Database(HikariDataSource dataSource, ServerKind serverKind) {
        this.dataSource = dataSource;
        this.serverKind = serverKind;
    }

    /**
     * Connects and migrates. A database that cannot be reached or refuses the credentials is a
     * {@link UserFacingException} with {@link ExitCode#DATABASE_UNREACHABLE}; the message names the URL, never
     * the password.
     */
    public static Database open(DatabaseSettings settings) {
        Database database = connect(settings);
        try {
            if (flywayAtEveryOpen || !database.schemaIsCurrent(settings)) {
                database.migrate();
            }
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /**
     * The programs' --migrate (set by the Launcher from the command line): true runs Flyway at every
     * {@link #open}, which validates what was applied (and migrates what is missing) even on a current schema.
     */
    public static void runFlywayAtEveryOpen(boolean always) {
        flywayAtEveryOpen = always;
    }

    /**
     * Connects without migrating (for tools that must not change the schema). The first connection, made here,
     * tells MariaDB from MySQL and stays in the pool for the run's first statement: a run opens no connection
     * of its own to learn the server.
     */
    public static Database connect(DatabaseSettings settings) {
        String url = withTimeouts(withDefaults(settings.jdbcUrl()), settings);
        ServerSensingDataSource connections = new ServerSensingDataSource(url, settings.username(),
                settings.password().reveal());
        HikariConfig config = new HikariConfig();
        config.setDataSource(connections);
        config.setMaximumPoolSize(settings.maxPoolSize());
        // No idle connection kept: when the server stops answering and the broken connection is evicted, the pool
        // would otherwise start a new one that hangs in the handshake and delays close() (with MariaDB's driver,
        // a WARN "Timed-out waiting for add connection executor to shutdown" after the one-line error).
        config.setMinimumIdle(0);
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        // Hikari's own start-up check would open a connection and, with no idle connection kept, close it again:
        // the first connection is taken below instead, and returned to the pool for the run.
        config.setInitializationFailTimeout(-1);
        config.setPoolName("xcp-db");
        config.setAutoCommit(true);
        HikariDataSource pool = new HikariDataSource(config);
        try (Connection first = pool.getConnection()) {
            return new Database(pool, connections.kind());
        } catch (SQLException e) {
            pool.close();
            throw unreachable(settings, e);
        }
    }

    /**
     * Our conventions on every connection: UTC, and the server's time zone never guessed. Both drivers take these
     * names (MariaDB's since 3.4; it ignores the ones it has no use for).
     */
    static String withDefaults(String jdbcUrl) {
        StringBuilder url = new StringBuilder(jdbcUrl);
        char separator = jdbcUrl.contains("?") ? '&' : '?';
        for (String option : new String[] {"connectionTimeZone=UTC", "forceConnectionTimeZoneToSession=true",
                "rewriteBatchedStatements=true", "useUnicode=true", "characterEncoding=UTF-8"}) {
            String name = option.substring(0, option.indexOf('='));
            if (!jdbcUrl.contains(name + "=")) {
                url.append(separator).append(option);
                separator = '&';
            }
        }
        return url.toString();
    }

    /**
     * Connector/J's own timeouts, unless the URL sets them: connectTimeout for the TCP connect, socketTimeout for
     * every read, so a server that stops answering mid-transaction (packets dropped, no reset) fails the statement
     * instead of hanging the program forever. Hikari's pool checkout is bounded separately (connectTimeout).
     */
    static String withTimeouts(String jdbcUrl, DatabaseSettings settings) {
        StringBuilder url = new StringBuilder(jdbcUrl);
        char separator = jdbcUrl.contains("?") ? '&' : '?';
        if (!jdbcUrl.contains("connectTimeout=")) {
            url.append(separator).append("connectTimeout=").append(settings.connectTimeout().toMillis());
            separator = '&';
        }
        if (!jdbcUrl.contains("socketTimeout=")) {
            url.append(separator).append("socketTimeout=").append(settings.socketTimeout().toMillis());
        }
        return url.toString();
    }

    private boolean schemaIsCurrent(DatabaseSettings settings) {
        try {
            return SchemaCheck.isCurrent(dataSource);
        } catch (SQLException e) {
            throw unreachable(settings, e);
        }
    }

    /** Brings the schema up to date with Flyway (which also validates what was applied before). */
    public void migrate() {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new UserFacingException(ExitCode.DATABASE_UNREACHABLE,
                    "database schema could not be brought up to date: " + flywayProblem(e), e);
        }
    }

    /**
     * Flyway's first line, and for a failed validation the first thing it found ("Validate failed: Migrations have
     * failed validation" alone does not say which migration).
     */
    private static String flywayProblem(FlywayException e) {
        String first = ErrorText.firstLine(e.getMessage());
        if (e instanceof FlywayValidateException && e.getMessage() != null) {
            String[] lines = e.getMessage().strip().split("\\R");
            if (lines.length > 1 && !lines[1].isBlank()) {
                return first + ": " + lines[1].strip();
            }
        }
        return first;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** MariaDB or MySQL, as the server said at connect. */
    public ServerKind serverKind() {
        return serverKind;
    }

    /** jOOQ over the pool, created on first use (loading jOOQ costs a tenth of a second, and some runs need none). */
    public DSLContext dsl() {
        DSLContext created = dsl;
        if (created == null) {
            synchronized (this) {
                created = dsl;
                if (created == null) {
                    created = DSL.using(dataSource, serverKind.dialect(),
                            new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
                                    .withRenderSchema(false));
                    dsl = created;
                }
            }
        }
        return created;
    }

    /** Runs work in one transaction: all of it is committed, or none of it. */
    public <T> T transactionResult(Function<DSLContext, T> work) {
        return dsl().transactionResult(configuration -> work.apply(DSL.using(configuration)));
    }

    public void transaction(Consumer<DSLContext> work) {
        dsl().transaction(configuration -> work.accept(DSL.using(configuration)));
    }

    /** A connection outside the pool's transactions, e.g. for a named lock held for a whole run. */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static UserFacingException unreachable(DatabaseSettings settings, Exception e) {
        return new UserFacingException(ExitCode.DATABASE_UNREACHABLE, "database " + redacted(settings.jdbcUrl())
                + " cannot be reached as " + settings.username() + ": "
                + ErrorText.firstLine(ErrorText.rootCause(e).getMessage()), e);
    }

    /** A JDBC URL as it may be shown: a password given in it (xcp:secret@, password=...) is masked. */
    static String redacted(String jdbcUrl) {
        return CredentialMask.mask(jdbcUrl);
    }
}
