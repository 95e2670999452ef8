package org.xcpbalancer.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.db.Database;

/**
 * One collector per pool at a time: a MySQL/MariaDB named lock (GET_LOCK) held on a dedicated connection for
 * the whole run. Named locks belong to the connection, so a collector that dies loses its lock with its
 * connection, and no lock file is ever left behind. Works for collectors on different machines sharing the
 * database.
 */
public final class CollectorLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorLock.class);
    /** MySQL limits lock names to 64 characters: the prefix plus a 36-character uuid fits. */
    static final String PREFIX = "xcp-collect:";

    private final Connection connection;
    private final String name;

    private CollectorLock(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    /** @return the lock, or empty when another collector holds it (no waiting) */
    public static Optional<CollectorLock> tryAcquire(Database database, String poolUuid) {
        String name = PREFIX + poolUuid;
        Connection connection = null;
        try {
            connection = database.connection();
            try (PreparedStatement statement = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
                statement.setString(1, name.length() > 64 ? name.substring(0, 64) : name);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    int got = result.getInt(1);
                    if (result.wasNull()) {
                        throw new SQLException("GET_LOCK returned NULL");
                    }
                    if (got == 1) {
                        return Optional.of(new CollectorLock(connection, name));
                    }
                }
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new UserFacingException(ExitCode.DATABASE_UNREACHABLE,
                    "the database did not grant the collector lock: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (PreparedStatement statement = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            statement.setString(1, name);
            statement.executeQuery().close();
        } catch (SQLException e) {
            LOG.debug("releasing {} failed (the connection's end releases it): {}", name, e.getMessage());
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing to do: the pool discards broken connections
            }
        }
    }
}
