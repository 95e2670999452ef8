package org.xcpbalancer.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Issue 16, item 8: GET_LOCK names are server-wide, so the pool lock must name the database too. Two
 * installations on one MariaDB server reading the same pool (same uuid) must not block each other; two programs of
 * one installation still must.
 */
@ExtendWith(MariaDbExtension.class)
class PoolLockTest {
    private static final String POOL_UUID = "6f1c2d4e-0000-4000-8000-00000000a001";

    @Test
    void installationsInTwoDatabasesOfOneServerDoNotBlockEachOther(TestDatabase first) {
        String otherName = MariaDbExtension.createEmptyDatabase("second_installation");
        try (Database second = Database.open(first.server().settings(otherName));
                PoolLock held = PoolLock.tryAcquire(first.database(), PoolLock.Holder.COLLECTOR, POOL_UUID).orElseThrow()) {
            Optional<PoolLock> other = PoolLock.tryAcquire(second, PoolLock.Holder.COLLECTOR, POOL_UUID);
            assertThat(other).as("the other installation's collector gets its own lock").isPresent();
            other.get().close();
            assertThat(PoolLock.tryAcquire(first.database(), PoolLock.Holder.COLLECTOR, POOL_UUID))
                    .as("a second collector of the same installation").isEmpty();
        } finally {
            first.server().dropDatabase(otherName);
        }
    }

    @Test
    void namesAreReadableWhenTheyFitAndHashedWithinSixtyFourCharactersOtherwise() {
        assertThat(PoolLock.lockName(PoolLock.Holder.CONTROLLER, "Xen", POOL_UUID))
                .isEqualTo("xcp-control:Xen:" + POOL_UUID);
        String longA = PoolLock.lockName(PoolLock.Holder.COLLECTOR, "balancer_production_database", POOL_UUID);
        String longB = PoolLock.lockName(PoolLock.Holder.COLLECTOR, "balancer_production_databasf", POOL_UUID);
        assertThat(longA).startsWith("xcp-collect#").hasSize(64).isNotEqualTo(longB);
    }
}
