package org.xcpbalancer.service.lease;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Record;
import org.xcpbalancer.core.db.Database;

/**
 * The lease tables (db/migrations/V6__pool_lease.sql), each operation one conditional UPDATE or one short
 * transaction, every time the database's NOW(3). Two instances racing for a row are ordered by InnoDB's row lock
 * on one server and by Galera's certification across nodes (the loser's commit fails): either way one UPDATE's
 * condition holds and the other's does not. No GET_LOCK anywhere.
 */
public final class LeaseStore {
    private final Database database;

    public LeaseStore(Database database) {
        this.database = database;
    }

    /** Registers or renews this instance's heartbeat row. */
    public void heartbeat(String instance, String host, Duration ttl) {
        database.dsl().execute("INSERT INTO ServiceInstance (Name, Host, StartedAt, HeartbeatAt, ExpiresAt) "
                + "VALUES (?, ?, NOW(3), NOW(3), NOW(3) + INTERVAL ? MICROSECOND) "
                + "ON DUPLICATE KEY UPDATE HeartbeatAt = NOW(3), ExpiresAt = NOW(3) + INTERVAL ? MICROSECOND",
                instance, host, micros(ttl), micros(ttl));
    }

    /** Instances whose heartbeat has not expired (this one included once it has beaten). */
    public int liveInstances() {
        return database.dsl().fetchOne("SELECT COUNT(*) FROM ServiceInstance WHERE ExpiresAt > NOW(3)")
                .get(0, Integer.class);
    }

    /** A clean stop: the instance no longer counts for the even spread. */
    public void leave(String instance) {
        database.dsl().execute("DELETE FROM ServiceInstance WHERE Name = ?", instance);
    }

    /** Makes sure every configured pool has its lease row (free, epoch 0, when new). */
    public void ensurePools(Collection<String> pools) {
        for (String pool : pools) {
            database.dsl().execute("INSERT IGNORE INTO PoolLease (PoolName, Epoch, ExpiresAt) VALUES (?, 0, NOW(3))", pool);
        }
    }

    /** Of the given pools, those no live lease holds (never owned, released, or expired). */
    public List<String> free(Collection<String> pools) {
        if (pools.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", pools.stream().map(p -> "?").toList());
        return database.dsl().fetch("SELECT PoolName FROM PoolLease WHERE PoolName IN (" + marks
                + ") AND (Owner IS NULL OR ExpiresAt <= NOW(3)) ORDER BY PoolName", pools.toArray())
                .getValues(0, String.class);
    }

    /**
     * Takes a free or expired lease: a new epoch (one more than the last), the grant recorded. Empty when another
     * instance holds it (or took it first).
     */
    public Optional<Long> acquire(String pool, String owner, Duration ttl) {
        return database.transactionResult(dsl -> {
            Record before = dsl.fetchOne("SELECT Owner, Epoch FROM PoolLease WHERE PoolName = ? FOR UPDATE", pool);
            if (before == null) {
                return Optional.<Long>empty();
            }
            int taken = dsl.execute("UPDATE PoolLease SET Owner = ?, Epoch = Epoch + 1, GrantedAt = NOW(3), "
                    + "RenewedAt = NOW(3), ExpiresAt = NOW(3) + INTERVAL ? MICROSECOND "
                    + "WHERE PoolName = ? AND (Owner IS NULL OR ExpiresAt <= NOW(3))", owner, micros(ttl), pool);
            if (taken != 1) {
                return Optional.<Long>empty();
            }
            long epoch = dsl.fetchOne("SELECT Epoch FROM PoolLease WHERE PoolName = ?", pool).get(0, Long.class);
            dsl.execute("INSERT INTO PoolLeaseGrant (PoolName, Epoch, Owner, PreviousOwner, GrantedAt) "
                    + "VALUES (?, ?, ?, ?, NOW(3))", pool, epoch, owner, before.get(0, String.class));
            return Optional.of(epoch);
        });
    }

    /** Extends a lease still held under its epoch; false when it was taken over meanwhile. */
    public boolean renew(String pool, String owner, long epoch, Duration ttl) {
        return database.dsl().execute("UPDATE PoolLease SET RenewedAt = NOW(3), ExpiresAt = NOW(3) + INTERVAL ? MICROSECOND "
                + "WHERE PoolName = ? AND Owner = ? AND Epoch = ?", micros(ttl), pool, owner, epoch) == 1;
    }

    /** Gives a lease up at once (clean stop, even spread, pool file removed); the next owner's epoch is higher. */
    public void release(String pool, String owner, long epoch) {
        database.dsl().execute("UPDATE PoolLease SET Owner = NULL, ExpiresAt = NOW(3) "
                + "WHERE PoolName = ? AND Owner = ? AND Epoch = ?", pool, owner, epoch);
    }

    /** Tells one-shot programs which pool uuid the lease covers (known after the first collection). */
    public void recordPoolUuid(String pool, String owner, long epoch, String poolUuid) {
        database.dsl().execute("UPDATE PoolLease SET PoolUuid = ? WHERE PoolName = ? AND Owner = ? AND Epoch = ? "
                + "AND (PoolUuid IS NULL OR PoolUuid <> ?)", poolUuid, pool, owner, epoch, poolUuid);
    }

    /**
     * The fencing check before a launch, in one transaction: the lease must still be this owner's, under this
     * epoch and unexpired (it is extended by a full ttl, so the launch that follows runs inside it), and the
     * migration row still planned; the row is stamped with the epoch. Writing the lease row makes a takeover on
     * another Galera node conflict with this transaction instead of passing unseen.
     */
    public boolean fence(String pool, String owner, long epoch, long migrationId, Duration ttl) {
        return database.transactionResult(dsl -> {
            int held = dsl.execute("UPDATE PoolLease SET FencedAt = NOW(3), RenewedAt = NOW(3), "
                    + "ExpiresAt = GREATEST(ExpiresAt, NOW(3) + INTERVAL ? MICROSECOND) "
                    + "WHERE PoolName = ? AND Owner = ? AND Epoch = ? AND ExpiresAt > NOW(3)", micros(ttl), pool, owner, epoch);
            if (held != 1) {
                return false;
            }
            int stamped = dsl.execute("UPDATE Migration SET LeaseEpoch = ? WHERE Id = ? AND State = 'planned'",
                    epoch, migrationId);
            if (stamped != 1) {
                throw new IllegalStateException("migration " + migrationId + " is no longer planned");
            }
            return true;
        });
    }

    /**
     * As {@link #fence} for an action that is not a migration (xcp-guard's fence commands, resets and starts): true
     * while the owner still holds the pool under this epoch, the lease renewed for one more ttl.
     */
    public boolean confirm(String pool, String owner, long epoch, Duration ttl) {
        return database.dsl().execute("UPDATE PoolLease SET FencedAt = NOW(3), RenewedAt = NOW(3), "
                + "ExpiresAt = GREATEST(ExpiresAt, NOW(3) + INTERVAL ? MICROSECOND) "
                + "WHERE PoolName = ? AND Owner = ? AND Epoch = ? AND ExpiresAt > NOW(3)", micros(ttl), pool, owner, epoch) == 1;
    }

    /** The leases one owner holds now, as (pool, epoch), for operators and tests. */
    public List<Lease> heldBy(String owner) {
        List<Lease> leases = new ArrayList<>();
        for (Record row : database.dsl().fetch("SELECT PoolName, Epoch FROM PoolLease WHERE Owner = ? "
                + "AND ExpiresAt > NOW(3) ORDER BY PoolName", owner)) {
            leases.add(new Lease(row.get(0, String.class), row.get(1, Long.class)));
        }
        return leases;
    }

    static long micros(Duration duration) {
        return duration.toNanos() / 1000;
    }
}
