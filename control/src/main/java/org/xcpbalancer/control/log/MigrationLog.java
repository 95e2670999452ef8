package org.xcpbalancer.control.log;

import static org.xcpbalancer.core.db.generated.Tables.HOSTSAMPLE;
import static org.xcpbalancer.core.db.generated.Tables.MIGRATION;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xcpbalancer.control.plan.MigrationFacts;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.control.plan.SafetyPolicy;
import org.xcpbalancer.control.plan.SubjectValues;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.db.generated.tables.records.MigrationRecord;
import org.xcpbalancer.core.state.HostSampleRow;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.PredictedPart;
import org.xcpbalancer.core.state.RulePart;
import org.xcpbalancer.core.state.RuleRepository;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.core.state.SampleResolution;

/**
 * The Migration table: each migration is written before launch (planned), when launched (with its task ref)
 * and when it ends, each step its own short transaction, so a controller that stops at any point leaves a log
 * the next one can follow. Also the facts planning needs from it (cooldowns, failures, in flight).
 */
public final class MigrationLog {
    private final Database database;

    public MigrationLog(Database database) {
        this.database = database;
    }

    /** Writes the planned migration and returns its id; nothing has been asked of XAPI yet. */
    public long planned(int poolId, Long runId, PlannedMove move, Instant at) {
        MigrationRecord row = database.dsl().newRecord(MIGRATION);
        row.setPoolId(poolId);
        row.setRunId(runId);
        row.setVmUuid(move.vmUuid());
        row.setVmName(move.vmName());
        row.setSourceHostUuid(move.sourceUuid());
        row.setSourceHostName(move.sourceName());
        row.setDestinationHostUuid(move.destinationUuid());
        row.setDestinationHostName(move.destinationName());
        // A constraint repair has no balancing rule and no predicted rule values: those columns stay NULL.
        if (move.rule() != null) {
            // An AND or SCORE rule is named as typed; the threshold is that of the part the prediction is of.
            row.setRuleSubject(move.rule().logName());
            row.setRuleThreshold(move.prediction() != null && move.prediction().part() != null
                    ? move.prediction().part().threshold() : move.rule().threshold());
        }
        row.setReason(move.reason());
        if (move.prediction() != null) {
            row.setPredictedSourceBefore(move.prediction().sourceBefore());
            row.setPredictedSourceAfter(move.prediction().sourceAfter());
            row.setPredictedDestinationBefore(move.prediction().destinationBefore());
            row.setPredictedDestinationAfter(move.prediction().destinationAfter());
        }
        row.setState(MigrationState.PLANNED.dbValue());
        row.setCreatedAt(UtcTime.toUtc(at));
        row.store();
        return row.getId();
    }

    public void launched(long id, String taskRef, Instant at) {
        database.dsl().update(MIGRATION)
                .set(MIGRATION.State, MigrationState.LAUNCHED.dbValue())
                .set(MIGRATION.TaskRef, taskRef)
                .set(MIGRATION.LaunchedAt, UtcTime.toUtc(at))
                .where(MIGRATION.Id.eq(id)).execute();
    }

    /** Records the end; durationMs counts from launch (null when it never launched). */
    public void finished(long id, MigrationState state, String xapiError, Instant at) {
        MigrationRecord row = database.dsl().fetchOne(MIGRATION, MIGRATION.Id.eq(id));
        if (row == null) {
            return;
        }
        Long duration = row.getLaunchedAt() == null ? null
                : Duration.between(UtcTime.toInstant(row.getLaunchedAt()), at).toMillis();
        database.dsl().update(MIGRATION)
                .set(MIGRATION.State, state.dbValue())
                .set(MIGRATION.XapiError, xapiError)
                .set(MIGRATION.FinishedAt, UtcTime.toUtc(at))
                .set(MIGRATION.DurationMs, duration)
                .where(MIGRATION.Id.eq(id)).execute();
    }

    public List<MigrationEntry> inFlight(int poolId) {
        return database.dsl().selectFrom(MIGRATION)
                .where(MIGRATION.PoolId.eq(poolId),
                        MIGRATION.State.in(MigrationState.PLANNED.dbValue(), MigrationState.LAUNCHED.dbValue()))
                .orderBy(MIGRATION.Id).fetch(MigrationLog::toEntry);
    }

    public List<MigrationEntry> all(int poolId) {
        return database.dsl().selectFrom(MIGRATION).where(MIGRATION.PoolId.eq(poolId)).orderBy(MIGRATION.Id)
                .fetch(MigrationLog::toEntry);
    }

    public Optional<MigrationEntry> byId(long id) {
        return database.dsl().selectFrom(MIGRATION).where(MIGRATION.Id.eq(id)).fetchOptional(MigrationLog::toEntry);
    }

    /**
     * What planning must respect, from the log entries of the last lookback (at least the longest cooldown and
     * the longest backoff): last moves, consecutive failures per VM, migrations in flight, XAPI's refusals.
     */
    public MigrationFacts facts(int poolId, Instant now, Duration lookback) {
        List<MigrationEntry> entries = database.dsl().selectFrom(MIGRATION)
                .where(MIGRATION.PoolId.eq(poolId),
                        MIGRATION.CreatedAt.ge(UtcTime.toUtc(now.minus(lookback)))
                                .or(MIGRATION.State.in(MigrationState.PLANNED.dbValue(), MigrationState.LAUNCHED.dbValue())))
                .orderBy(MIGRATION.Id).fetch(MigrationLog::toEntry);
        Map<String, Instant> vmMoved = new HashMap<>();
        Map<String, Instant> hostChanged = new HashMap<>();
        Map<String, MigrationFacts.FailureRecord> failures = new HashMap<>();
        Map<String, String> inFlight = new HashMap<>();
        Set<String> hostsInFlight = new HashSet<>();
        Map<String, Map<String, Instant>> refusals = new HashMap<>();
        for (MigrationEntry e : entries) {
            if (e.state() == MigrationState.REFUSED && e.finishedAt() != null) {
                refusals.computeIfAbsent(e.vmUuid(), k -> new HashMap<>())
                        .merge(e.destinationHostUuid(), e.finishedAt(), MigrationLog::later);
            } else if (e.state().inFlight()) {
                inFlight.put(e.vmUuid(), e.destinationHostUuid());
                hostsInFlight.add(e.sourceHostUuid());
                hostsInFlight.add(e.destinationHostUuid());
            } else if (e.state() == MigrationState.SUCCEEDED && e.finishedAt() != null) {
                vmMoved.merge(e.vmUuid(), e.finishedAt(), MigrationLog::later);
                hostChanged.merge(e.sourceHostUuid(), e.finishedAt(), MigrationLog::later);
                hostChanged.merge(e.destinationHostUuid(), e.finishedAt(), MigrationLog::later);
                failures.remove(e.vmUuid());
            } else if (e.state().failure() && e.finishedAt() != null) {
                MigrationFacts.FailureRecord before = failures.get(e.vmUuid());
                failures.put(e.vmUuid(), new MigrationFacts.FailureRecord(before == null ? 1 : before.consecutiveFailures() + 1,
                        e.finishedAt(), e.xapiError() == null ? e.state().dbValue() : firstWord(e.xapiError())));
            }
        }
        return new MigrationFacts(vmMoved, hostChanged, failures, inFlight, hostsInFlight, refusals);
    }

    /** How far back {@link #facts} must look for the policy. */
    public static Duration lookback(SafetyPolicy policy) {
        Duration longest = SafetyPolicy.MAX_FAILURE_BACKOFF.multipliedBy(2);
        for (Duration d : List.of(policy.vmCooldown(), policy.hostCooldown())) {
            if (d.compareTo(longest) > 0) {
                longest = d;
            }
        }
        return longest;
    }

    /**
     * Fills MeasuredSourceAfter / MeasuredDestinationAfter of succeeded migrations from the first raw host
     * samples taken after they ended, once such samples exist, as the quantity the predicted values are of
     * ({@link PredictedPart}): a SCORE rule's move as its score with the weights logged (so a rule changed or
     * deleted since is measured as it was), an AND rule's as the part that decided it.
     * Returns how many rows it completed.
     */
    public int fillMeasuredEffects(int poolId) {
        List<MigrationRecord> open = database.dsl().selectFrom(MIGRATION)
                .where(MIGRATION.PoolId.eq(poolId), MIGRATION.State.eq(MigrationState.SUCCEEDED.dbValue()),
                        MIGRATION.MeasuredSourceAfter.isNull(), MIGRATION.RuleSubject.isNotNull(),
                        MIGRATION.FinishedAt.isNotNull())
                .fetch();
        int filled = 0;
        List<HostRule> poolRules = open.stream().anyMatch(r -> RuleSubject.parse(r.getRuleSubject()).isEmpty())
                ? new RuleRepository(database).rules(poolId) : List.of();
        for (MigrationRecord row : open) {
            Optional<RulePart> part = PredictedPart.of(row.getRuleSubject(), row.getRuleThreshold(), row.getReason(),
                    poolRules);
            Optional<HostSampleRow> source = firstSampleAfter(poolId, row.getSourceHostUuid(), row.getFinishedAt());
            Optional<HostSampleRow> destination = firstSampleAfter(poolId, row.getDestinationHostUuid(), row.getFinishedAt());
            if (part.isEmpty() || source.isEmpty() || destination.isEmpty()) {
                continue;
            }
            database.dsl().update(MIGRATION)
                    .set(MIGRATION.MeasuredSourceAfter, SubjectValues.of(part.get(), source.get()))
                    .set(MIGRATION.MeasuredDestinationAfter, SubjectValues.of(part.get(), destination.get()))
                    .where(MIGRATION.Id.eq(row.getId())).execute();
            filled++;
        }
        return filled;
    }

    private Optional<HostSampleRow> firstSampleAfter(int poolId, String hostUuid, java.time.LocalDateTime after) {
        return database.dsl().selectFrom(HOSTSAMPLE)
                .where(HOSTSAMPLE.PoolId.eq(poolId), HOSTSAMPLE.HostUuid.eq(hostUuid),
                        HOSTSAMPLE.Resolution.eq(SampleResolution.RAW.dbValue()), HOSTSAMPLE.SampledAt.gt(after))
                .orderBy(HOSTSAMPLE.SampledAt.asc()).limit(1)
                .fetchOptional(r -> new HostSampleRow(r.getHostUuid(), r.getResolution(),
                        UtcTime.toInstant(r.getSampledAt()), r.getMemoryTotalMb(), r.getMemoryFreeMb(),
                        r.getPifEth0RxKb(), r.getPifEth0TxKb(), r.getDom0LoadAvg(), r.getCpuAverage(), r.getVmCount()));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String firstWord(String error) {
        int space = error.indexOf(' ');
        return space < 0 ? error : error.substring(0, space);
    }

    private static MigrationEntry toEntry(MigrationRecord r) {
        return new MigrationEntry(r.getId(), r.getPoolId(), r.getRunId(), r.getVmUuid(), r.getVmName(),
                r.getSourceHostUuid(), r.getSourceHostName(), r.getDestinationHostUuid(), r.getDestinationHostName(),
                r.getRuleSubject(), r.getTaskRef(), MigrationState.fromDb(r.getState()), r.getXapiError(),
                UtcTime.toInstant(r.getCreatedAt()), UtcTime.toInstant(r.getLaunchedAt()),
                UtcTime.toInstant(r.getFinishedAt()), r.getDurationMs());
    }
}
