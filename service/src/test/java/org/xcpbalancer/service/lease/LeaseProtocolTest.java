package org.xcpbalancer.service.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * The lease protocol with two or three managers in one JVM, each ticking on its own thread against a real
 * MariaDB, renewing every second: the pools are spread evenly and re-spread as instances come, and the pools of
 * an instance that stops renewing (killed, paused) are owned again within two renewal periods.
 */
@ExtendWith(MariaDbExtension.class)
class LeaseProtocolTest {
    static final LeaseTiming TIMING = new LeaseTiming(Duration.ofSeconds(1));

    private final List<LeaseManager> managers = new ArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private Database database;

    @BeforeEach
    void emptyLeaseTables(TestDatabase db) {
        database = db.database();
        wipe(database);
    }

    static void wipe(Database database) {
        database.transaction(dsl -> {
            dsl.execute("DELETE FROM ServiceInstance");
            dsl.execute("DELETE FROM PoolLease");
            dsl.execute("DELETE FROM PoolLeaseGrant");
        });
    }

    @AfterEach
    void stopAll() {
        managers.forEach(LeaseManager::halt);
    }

    private LeaseManager start(String name, Set<String> pools) {
        LeaseManager manager = new LeaseManager(new LeaseStore(database), name, "test", TIMING, new LeaseManager.Listener() {
            @Override
            public void acquired(Lease lease) {
                events.add(name + " acquired " + lease.pool() + "#" + lease.epoch());
            }

            @Override
            public void lost(Lease lease, String why) {
                events.add(name + " lost " + lease.pool() + ": " + why);
            }

            @Override
            public boolean release(Lease lease) {
                events.add(name + " released " + lease.pool());
                return true;
            }
        }, events::add);
        manager.configure(pools);
        manager.start();
        managers.add(manager);
        return manager;
    }

    static Set<String> pools(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "pool" + i).collect(Collectors.toSet());
    }

    /** Who owns each pool according to the database (live leases only). */
    private Map<String, String> owners() {
        Map<String, String> owners = new HashMap<>();
        for (Record row : database.dsl().fetch("SELECT PoolName, Owner FROM PoolLease WHERE Owner IS NOT NULL AND ExpiresAt > NOW(3)")) {
            owners.put(row.get(0, String.class), row.get(1, String.class));
        }
        return owners;
    }

    private Map<String, Long> countsByOwner() {
        return owners().values().stream().collect(Collectors.groupingBy(o -> o, Collectors.counting()));
    }

    static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toMillis() + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void thePoolsAreSpreadEvenlyAndReSpreadAsInstancesJoin() throws Exception {
        Set<String> six = pools(6);
        LeaseManager a = start("a", six);
        await("a owns all 6 pools alone", Duration.ofSeconds(5), () -> a.held().size() == 6);

        LeaseManager b = start("b", six);
        await("3 and 3", Duration.ofSeconds(8), () -> countsByOwner().equals(Map.of("a", 3L, "b", 3L)));

        LeaseManager c = start("c", six);
        await("2, 2 and 2", Duration.ofSeconds(8), () -> countsByOwner().equals(Map.of("a", 2L, "b", 2L, "c", 2L)));
        // What each manager believes is what the database says (a manager notes a lease just after writing its
        // row, so the two may differ for an instant), and no pool has two owners.
        Map<String, String> owners = owners();
        assertThat(owners).hasSize(6);
        await("each manager holds what the database gives it", Duration.ofSeconds(5), () -> List.of(a, b, c).stream()
                .allMatch(m -> Set.copyOf(m.held().stream().map(Lease::pool).toList()).equals(Set.copyOf(
                        owners.entrySet().stream().filter(e -> e.getValue().equals(m.instance())).map(Map.Entry::getKey)
                                .toList()))));
        for (LeaseManager m : List.of(a, b, c)) {
            assertThat(m.held()).extracting(Lease::pool)
                    .containsExactlyInAnyOrderElementsOf(owners.entrySet().stream()
                            .filter(e -> e.getValue().equals(m.instance())).map(Map.Entry::getKey).toList());
        }

        // Seven pools for three instances: nobody takes more than ceil(7 / 3) = 3.
        Set<String> seven = pools(7);
        List.of(a, b, c).forEach(m -> m.configure(seven));
        await("the seventh pool owned", Duration.ofSeconds(5), () -> owners().size() == 7);
        Thread.sleep(TIMING.renewal().toMillis() * 2);
        assertThat(countsByOwner().values()).allMatch(n -> n <= 3).hasSize(3);
        assertThat(owners()).hasSize(7);
    }

    @Test
    void thePoolsOfAnInstanceThatStopsRenewingAreOwnedAgainWithinTwoRenewalPeriods() throws Exception {
        Set<String> four = pools(4);
        LeaseManager a = start("a", four);
        LeaseManager b = start("b", four);
        await("2 and 2", Duration.ofSeconds(8), () -> countsByOwner().equals(Map.of("a", 2L, "b", 2L)));
        List<String> ofA = a.held().stream().map(Lease::pool).toList();

        a.halt(); // as kill -9 or a long pause: no release, no goodbye
        LocalDateTime stoppedAt = databaseNow();
        long stoppedNanos = System.nanoTime();
        await("b owns all 4", TIMING.renewal().multipliedBy(3), () -> b.held().size() == 4);
        long tookMs = (System.nanoTime() - stoppedNanos) / 1_000_000;

        assertThat(owners()).containsOnlyKeys(four).allSatisfy((pool, owner) -> assertThat(owner).isEqualTo("b"));
        for (String pool : ofA) {
            LocalDateTime granted = database.dsl().fetchOne("SELECT GrantedAt FROM PoolLeaseGrant WHERE PoolName = ? "
                    + "AND Owner = 'b' AND PreviousOwner = 'a'", pool).get(0, LocalDateTime.class);
            assertThat(Duration.between(stoppedAt, granted)).as(pool + " taken over, in database time")
                    .isLessThanOrEqualTo(TIMING.renewal().multipliedBy(2));
        }
        assertThat(tookMs).as("measured by the test").isLessThanOrEqualTo(TIMING.renewal().multipliedBy(2).toMillis());
    }

    @Test
    void aCleanStopHandsThePoolsOverAtOnce() throws Exception {
        Set<String> four = pools(4);
        LeaseManager a = start("a", four);
        LeaseManager b = start("b", four);
        await("2 and 2", Duration.ofSeconds(8), () -> countsByOwner().equals(Map.of("a", 2L, "b", 2L)));
        long epochsBefore = database.dsl().fetchOne("SELECT SUM(Epoch) FROM PoolLease").get(0, Long.class);

        a.close();
        await("b owns all 4", TIMING.renewal(), () -> b.held().size() == 4);
        assertThat(database.dsl().fetchOne("SELECT SUM(Epoch) FROM PoolLease").get(0, Long.class))
                .as("each handed-over pool got a new epoch").isEqualTo(epochsBefore + 2);
        assertThat(database.dsl().fetchOne("SELECT COUNT(*) FROM ServiceInstance WHERE Name = 'a'").get(0, Integer.class))
                .isZero();
    }

    private LocalDateTime databaseNow() {
        return database.dsl().fetchOne("SELECT NOW(3)").get(0, LocalDateTime.class);
    }
}
