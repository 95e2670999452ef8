package org.xcpbalancer.manager.status;

import static org.xcpbalancer.core.db.generated.Tables.COLLECTIONRUN;
import static org.xcpbalancer.core.db.generated.Tables.CONTROLRUN;
import static org.xcpbalancer.core.db.generated.Tables.MIGRATION;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.db.generated.tables.records.ControlRunRecord;
import org.xcpbalancer.core.state.PoolPauseRepository;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.RuleRepository;

/**
 * Reads a pool's {@link PoolStatus} from the runs, the migration log, the rules, PoolPause and xcp-guard's tables.
 * Read-only.
 */
public final class StatusRepository {
    /** ControlRun outcomes of a run that did not do its job. */
    private static final List<String> CONTROL_FAILURES = List.of("failed", "timeout");
    /** Migration states still in flight (xcp-control's MigrationState.inFlight). */
    private static final List<String> IN_FLIGHT = List.of("planned", "launched");

    private final Database database;
    private final RuleRepository rules;
    private final PoolPauseRepository pauses;
    private final GuardStatusRepository guard;

    public StatusRepository(Database database) {
        this.database = database;
        this.rules = new RuleRepository(database);
        this.pauses = new PoolPauseRepository(database);
        this.guard = new GuardStatusRepository(database);
    }

    public PoolStatus status(PoolRef pool, Instant now) {
        Condition finishedRun = CONTROLRUN.PoolId.eq(pool.id()).and(CONTROLRUN.DryRun.isFalse())
                .and(CONTROLRUN.FinishedAt.isNotNull());
        Optional<PoolStatus.Run> last = lastControl(finishedRun);
        Optional<PoolStatus.Run> lastGood = lastControl(finishedRun.and(CONTROLRUN.Outcome.notIn(CONTROL_FAILURES)));
        List<PoolStatus.InFlight> inFlight = database.dsl().selectFrom(MIGRATION)
                .where(MIGRATION.PoolId.eq(pool.id())).and(MIGRATION.State.in(IN_FLIGHT))
                .orderBy(MIGRATION.CreatedAt).fetch(m -> new PoolStatus.InFlight(
                        m.getVmName() == null ? m.getVmUuid() : m.getVmName(),
                        m.getSourceHostName() == null ? m.getSourceHostUuid() : m.getSourceHostName(),
                        m.getDestinationHostName() == null ? m.getDestinationHostUuid() : m.getDestinationHostName(),
                        m.getState(), UtcTime.toInstant(m.getLaunchedAt() == null ? m.getCreatedAt() : m.getLaunchedAt())));
        return new PoolStatus(pool, now, last, lastGood, lastError(pool), inFlight, rules.rules(pool.id()),
                pauses.active(pool.id(), now), guard.status(pool, now));
    }

    private Optional<PoolStatus.Run> lastControl(Condition condition) {
        return database.dsl().selectFrom(CONTROLRUN).where(condition).orderBy(CONTROLRUN.StartedAt.desc()).limit(1)
                .fetchOptional(StatusRepository::run);
    }

    private static PoolStatus.Run run(ControlRunRecord r) {
        return new PoolStatus.Run(r.getId(), UtcTime.toInstant(r.getStartedAt()), UtcTime.toInstant(r.getFinishedAt()),
                r.getOutcome(), r.getSummary());
    }

    /**
     * The newer of the last failed collection and the last failed or timed-out control run. A collection that
     * failed before it knew its pool (master unreachable) has no PoolId: it counts for every pool.
     */
    private Optional<PoolStatus.Failure> lastError(PoolRef pool) {
        Optional<PoolStatus.Failure> collection = database.dsl().selectFrom(COLLECTIONRUN)
                .where(COLLECTIONRUN.PoolId.eq(pool.id()).or(COLLECTIONRUN.PoolId.isNull()))
                .and(COLLECTIONRUN.Error.isNotNull())
                .orderBy(COLLECTIONRUN.StartedAt.desc()).limit(1)
                .fetchOptional(r -> new PoolStatus.Failure("xcp-collect", UtcTime.toInstant(r.getStartedAt()),
                        firstLine(r.getError())));
        Optional<PoolStatus.Failure> control = database.dsl().selectFrom(CONTROLRUN)
                .where(CONTROLRUN.PoolId.eq(pool.id())).and(CONTROLRUN.Outcome.in(CONTROL_FAILURES))
                .orderBy(CONTROLRUN.StartedAt.desc()).limit(1)
                .fetchOptional(r -> new PoolStatus.Failure("xcp-control", UtcTime.toInstant(r.getStartedAt()),
                        r.getOutcome() + (r.getSummary() == null ? "" : ": " + firstLine(r.getSummary()))));
        return Stream.of(collection, control).flatMap(Optional::stream)
                .max((a, b) -> a.at().compareTo(b.at()));
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("");
    }
}
