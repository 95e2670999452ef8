package org.xcpbalancer.manager.data;

import static org.xcpbalancer.core.db.generated.Tables.COLLECTIONRUN;
import static org.xcpbalancer.core.db.generated.Tables.CONTROLRUN;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.db.generated.tables.records.CollectionRunRecord;
import org.xcpbalancer.core.db.generated.tables.records.ControlRunRecord;

/** Reads the collector's and the controller's run records (CollectionRun, ControlRun). Read-only. */
public final class RunRepository {
    private final Database database;

    public RunRepository(Database database) {
        this.database = database;
    }

    /** The pool's latest collections and control runs together, newest first. */
    public List<RunEntry> recent(int poolId, int limit) {
        List<RunEntry> collections = database.dsl().selectFrom(COLLECTIONRUN).where(COLLECTIONRUN.PoolId.eq(poolId))
                .orderBy(COLLECTIONRUN.StartedAt.desc()).limit(limit).fetch(RunRepository::collection);
        List<RunEntry> controls = database.dsl().selectFrom(CONTROLRUN).where(CONTROLRUN.PoolId.eq(poolId))
                .orderBy(CONTROLRUN.StartedAt.desc()).limit(limit).fetch(RunRepository::control);
        return Stream.concat(collections.stream(), controls.stream())
                .sorted(Comparator.comparing(RunEntry::startedAt).reversed())
                .limit(limit).toList();
    }

    private static RunEntry collection(CollectionRunRecord r) {
        List<String> details = new ArrayList<>();
        if (r.getHostCount() != null) {
            details.add(r.getHostCount() + " hosts");
        }
        if (r.getVmCount() != null) {
            details.add(r.getVmCount() + " VMs");
        }
        if (r.getXapiRequests() != null) {
            details.add(r.getXapiRequests() + " XAPI requests");
        }
        addFirstLine(details, r.getWarnings());
        addFirstLine(details, r.getError());
        return new RunEntry(RunEntry.Kind.COLLECT, r.getId(), UtcTime.toInstant(r.getStartedAt()),
                duration(r.getStartedAt(), r.getFinishedAt()), r.getOutcome(), String.join(", ", details));
    }

    private static RunEntry control(ControlRunRecord r) {
        List<String> details = new ArrayList<>();
        // the controller's own summary of a dry run already starts "dry run: ..."
        boolean summarySaysDryRun = r.getSummary() != null && r.getSummary().strip().startsWith("dry run");
        if (Boolean.TRUE.equals(r.getDryRun()) && !summarySaysDryRun) {
            details.add("dry run");
        }
        addFirstLine(details, r.getSummary());
        return new RunEntry(RunEntry.Kind.CONTROL, r.getId(), UtcTime.toInstant(r.getStartedAt()),
                duration(r.getStartedAt(), r.getFinishedAt()), r.getOutcome(), String.join(", ", details));
    }

    private static void addFirstLine(List<String> details, String text) {
        if (text != null && !text.isBlank()) {
            String first = text.strip().lines().findFirst().orElse("");
            long more = text.strip().lines().count() - 1;
            details.add(first + (more > 0 ? " (+" + more + " more)" : ""));
        }
    }

    private static Duration duration(LocalDateTime start, LocalDateTime finish) {
        return start == null || finish == null ? null : Duration.between(start, finish);
    }
}
