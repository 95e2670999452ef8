package org.xcpbalancer.control.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.db.Database;

/**
 * A database lock per pool (MySQL/MariaDB GET_LOCK), held on its own connection for a whole run, so two
 * controllers never act on the same pool even from different machines. The server releases it when the
 * connection dies, so a killed controller never leaves the pool locked.
 */
public final class PoolLock implements AutoCloseable {
    private final Connection connection;
    private final String name;

    private PoolLock(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    /** The lock's name for a pool; GET_LOCK names are at most 64 characters. */
    public static String lockName(String poolUuid) {
        String name = "xcp-control:" + poolUuid;
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    /** Takes the pool's lock without waiting; empty when another controller holds it. */
    public static java.util.Optional<PoolLock> tryAcquire(Database database, String poolUuid) {
        String name = lockName(poolUuid);
        Connection connection = null;
        try {
            connection = database.connection();
            try (PreparedStatement statement = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
                statement.setString(1, name);
                try (ResultSet result = statement.executeQuery()) {
                    if (result.next() && result.getInt(1) == 1) {
                        return java.util.Optional.of(new PoolLock(connection, name));
                    }
                }
            }
            connection.close();
            return java.util.Optional.empty();
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new UserFacingException(ExitCode.DATABASE_UNREACHABLE,
                    "cannot take the pool lock in the database: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (PreparedStatement statement = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            statement.setString(1, name);
            statement.executeQuery().close();
        } catch (SQLException e) {
            // The connection is closed below; the server releases the lock with it.
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing left to do
            }
        }
    }
}
