package org.xcpbalancer.core.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link PoolLock} needs to know of xcp-service's pool leases (table PoolLease): a pool leased by a live
 * service instance is left alone by the one-shot programs (xcp-collect, xcp-control), which refuse it as they
 * refuse a pool whose lock another program holds. The service registers its own instance name here so its own
 * collections and control runs pass.
 */
public final class ServiceLeases {
    private static final Set<String> OWNERS_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();

    /** A live lease held by another process: who holds it and until when (database time, UTC). */
    public record Holder(String owner, String expiresAt) {
    }

    private ServiceLeases() {
    }

    /** This process acts for the service instance of that name: its leases do not block its own runs. */
    public static void actFor(String instanceName) {
        OWNERS_IN_THIS_PROCESS.add(instanceName);
    }

    public static void stopActingFor(String instanceName) {
        OWNERS_IN_THIS_PROCESS.remove(instanceName);
    }

    /**
     * The live lease on the pool held by an instance that is not this process, if any: who carries out what the
     * console and xcp-control record for the pool (EVACUATE HOST, ENABLE HOST).
     */
    public static Optional<Holder> heldElsewhere(Database database, String poolUuid) {
        try (Connection connection = database.connection()) {
            return heldElsewhere(connection, poolUuid);
        } catch (SQLException e) {
            throw new org.xcpbalancer.core.cli.UserFacingException(org.xcpbalancer.core.cli.ExitCode.DATABASE_UNREACHABLE,
                    "reading the pool's lease failed: " + e.getMessage(), e);
        }
    }

    /** The live lease on the pool held by an instance that is not this process, if any. */
    static Optional<Holder> heldElsewhere(Connection connection, String poolUuid) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT Owner, ExpiresAt FROM PoolLease WHERE PoolUuid = ? AND Owner IS NOT NULL AND ExpiresAt > NOW(3)")) {
            statement.setString(1, poolUuid);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    String owner = result.getString(1);
                    if (!OWNERS_IN_THIS_PROCESS.contains(owner)) {
                        return Optional.of(new Holder(owner, result.getString(2)));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
