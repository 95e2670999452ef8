package org.xcpbalancer.control.snapshot;

import static org.xcpbalancer.core.db.generated.Tables.CONTROLDECISION;
import static org.xcpbalancer.core.db.generated.Tables.VMSAMPLE;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.impl.DSL;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.control.plan.ReportedDecisions;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.state.SampleResolution;
import org.xcpbalancer.core.state.VmState;

/**
 * What constraint planning needs from the database besides the state: how long each VM has run where it
 * runs (the hold of repairs, from the VM samples) and which lasting decisions are already stored.
 */
final class ConstraintHistory {
    private ConstraintHistory() {
    }

    /**
     * Per VM, in how many of its newest raw samples in a row it ran on its current host (at most perVm), from
     * the samples of the last {@code window} only (one query, ROW_NUMBER per VM).
     */
    static Map<String, Integer> settledSamples(Database database, int poolId, List<VmState> vms, int perVm,
            Instant now, Duration window) {
        Map<String, String> current = new HashMap<>();
        vms.stream().filter(vm -> vm.hostUuid() != null).forEach(vm -> current.put(vm.uuid(), vm.hostUuid()));
        var rank = DSL.rowNumber().over().partitionBy(VMSAMPLE.VmUuid).orderBy(VMSAMPLE.SampledAt.desc()).as("Rank");
        var ranked = DSL.select(VMSAMPLE.VmUuid, VMSAMPLE.HostUuid, VMSAMPLE.SampledAt, rank).from(VMSAMPLE)
                .where(VMSAMPLE.PoolId.eq(poolId), VMSAMPLE.Resolution.eq(SampleResolution.RAW.dbValue()),
                        VMSAMPLE.SampledAt.ge(UtcTime.toUtc(now.minus(window))))
                .asTable("Ranked");
        Map<String, Integer> settled = new HashMap<>();
        Map<String, Boolean> broken = new HashMap<>();
        database.dsl().select(ranked.field(VMSAMPLE.VmUuid), ranked.field(VMSAMPLE.HostUuid)).from(ranked)
                .where(ranked.field("Rank", Integer.class).le(perVm))
                .orderBy(ranked.field(VMSAMPLE.VmUuid), ranked.field(VMSAMPLE.SampledAt).desc())
                .forEach(r -> {
                    String vm = r.value1();
                    settled.putIfAbsent(vm, 0);
                    if (!broken.getOrDefault(vm, false) && Objects.equals(r.value2(), current.get(vm))) {
                        settled.merge(vm, 1, Integer::sum);
                    } else {
                        broken.put(vm, true);
                    }
                });
        // A running VM without any recent sample has just appeared: not settled yet.
        current.keySet().forEach(vm -> settled.putIfAbsent(vm, 0));
        return settled;
    }

    /** The lasting decisions (about no balancing rule) stored in the last day, oldest first. */
    static ReportedDecisions reported(Database database, int poolId, Instant now) {
        ReportedDecisions.Builder builder = new ReportedDecisions.Builder();
        database.dsl().select(CONTROLDECISION.Action, CONTROLDECISION.VmUuid, CONTROLDECISION.Reason)
                .from(CONTROLDECISION)
                .where(CONTROLDECISION.PoolId.eq(poolId), CONTROLDECISION.RuleSubject.isNull(),
                        CONTROLDECISION.Action.in(DecisionAction.EXCLUDE.name(), DecisionAction.NO_MOVE.name()),
                        CONTROLDECISION.DecidedAt.ge(UtcTime.toUtc(now.minus(ReportedDecisions.LOOKBACK))))
                .orderBy(CONTROLDECISION.Id)
                .forEach(r -> builder.add(r.value1(), r.value2(), r.value3()));
        return builder.build();
    }
}
