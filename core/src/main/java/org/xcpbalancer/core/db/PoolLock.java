package org.xcpbalancer.core.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;

/**
 * One program of a kind per pool at a time (one collector, one controller): a MySQL/MariaDB named lock
 * (GET_LOCK) held on its own connection for a whole run. Named locks belong to the connection, so a program that
 * dies loses its lock with it and never leaves the pool locked; it works across machines sharing the database
 * (but not across Galera nodes, which do not replicate named locks). A pool leased by a live xcp-service instance
 * of another process is refused too ({@link ServiceLeases}): one-shot runs and the service never act at once.
 */
public final class PoolLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PoolLock.class);
    /** Who holds the lock: each kind has its own, so a collection never waits for a controller. */
    public enum Holder {
        COLLECTOR("xcp-collect"), CONTROLLER("xcp-control");

        private final String program;

        Holder(String program) {
            this.program = program;
        }

        public String program() {
            return program;
        }
    }

    /** MySQL limits lock names to 64 characters. */
    private static final int MAX_NAME_LENGTH = 64;

    private final Connection connection;
    private final String name;

    private PoolLock(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    /** The lock's name: the program and the pool's uuid, e.g. "xcp-control:6f1c...". */
    public static String lockName(Holder holder, String poolUuid) {
        String name = holder.program() + ":" + poolUuid;
        return name.length() > MAX_NAME_LENGTH ? name.substring(0, MAX_NAME_LENGTH) : name;
    }

    /** Takes the pool's lock without waiting; empty when another program of the same kind holds it. */
    public static Optional<PoolLock> tryAcquire(Database database, Holder holder, String poolUuid) {
        String name = lockName(holder, poolUuid);
        Connection connection = null;
        try {
            connection = database.connection();
            try (PreparedStatement statement = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
                statement.setString(1, name);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    int got = result.getInt(1);
                    if (result.wasNull()) {
                        throw new SQLException("GET_LOCK returned NULL");
                    }
                    if (got == 1) {
                        PoolLock lock = new PoolLock(connection, name);
                        Optional<ServiceLeases.Holder> leased = ServiceLeases.heldElsewhere(connection, poolUuid);
                        if (leased.isEmpty()) {
                            return Optional.of(lock);
                        }
                        LOG.warn("pool {} is run by xcp-service instance {} (lease until {} UTC): {} leaves it alone",
                                poolUuid, leased.get().owner(), leased.get().expiresAt(), holder.program());
                        lock.close();
                        return Optional.empty();
                    }
                }
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new UserFacingException(ExitCode.DATABASE_UNREACHABLE,
                    "the database did not grant " + holder.program() + "'s pool lock: " + e.getMessage(), e);
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
                // nothing left to do: the pool discards a broken connection
            }
        }
    }
}
