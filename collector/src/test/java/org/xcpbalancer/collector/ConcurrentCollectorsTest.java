package org.xcpbalancer.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.COLLECTIONRUN;
import static org.xcpbalancer.core.db.generated.Tables.MAP;
import static org.xcpbalancer.core.db.generated.Tables.VM;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.PoolLock;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/** Two collectors on one pool, each with its own database connections as two processes would have. */
@ExtendWith(MariaDbExtension.class)
class ConcurrentCollectorsTest {

    @Test
    void twoCollectorsStartedTogetherWriteOneConsistentPicture(TestDatabase database) throws Exception {
        DSLContext db = database.database().dsl();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults()
                .withLatency(Duration.ofMillis(40)));
                Database first = Database.open(database.databaseSettings());
                Database second = Database.open(database.databaseSettings())) {
            List<Future<CollectionResult>> futures = new ArrayList<>();
            for (Database store : List.of(first, second)) {
                Callable<CollectionResult> collector = () -> OneCollection.collect(SimulatedPool.xapi(simulator), store);
                futures.add(threads.submit(collector));
            }
            List<CollectionResult> results = new ArrayList<>();
            for (Future<CollectionResult> future : futures) {
                results.add(future.get());
            }
            long written = results.stream().filter(r -> r.outcome() == CollectionResult.Outcome.SUCCESS).count();
            long locked = results.stream().filter(r -> r.outcome() == CollectionResult.Outcome.LOCKED).count();
            assertThat(written).isGreaterThanOrEqualTo(1);
            assertThat(written + locked).isEqualTo(2);
            results.stream().filter(r -> r.outcome() == CollectionResult.Outcome.LOCKED).forEach(r ->
                    assertThat(r.summaryLine()).isEqualTo("Another xcp-collect is collecting pool Main Pool right now;"
                            + " this run stops without writing."));

            assertThat(db.fetchCount(VM)).isEqualTo(5);
            assertThat(db.fetchCount(MAP)).isEqualTo(5);
            assertThat(SimulatedPool.placement(db)).containsEntry("VM2 - Debian", "Host2");
            assertThat(db.fetchCount(COLLECTIONRUN, COLLECTIONRUN.Outcome.eq("success"))).isEqualTo((int) written);
            assertThat(db.fetchCount(COLLECTIONRUN, COLLECTIONRUN.Outcome.eq("running"))).isZero();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aCollectorFindingThePoolLockedStopsWithoutWriting(TestDatabase database) throws Exception {
        DSLContext db = database.database().dsl();
        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults());
                Database other = Database.open(database.databaseSettings());
                PoolLock held = PoolLock.tryAcquire(other, PoolLock.Holder.COLLECTOR, simulator.model().poolUuid()).orElseThrow()) {
            int runsBefore = db.fetchCount(COLLECTIONRUN);
            CollectionResult result = OneCollection.collect(SimulatedPool.xapi(simulator), database.database());
            assertThat(result.outcome()).isEqualTo(CollectionResult.Outcome.LOCKED);
            assertThat(db.fetchCount(COLLECTIONRUN)).isEqualTo(runsBefore);
        }
        // released with its holder: the next collector gets it
        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults())) {
            assertThat(OneCollection.collect(SimulatedPool.xapi(simulator), database.database()).outcome())
                    .isEqualTo(CollectionResult.Outcome.SUCCESS);
        }
    }
}
