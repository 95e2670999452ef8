package org.xcpbalancer.manager.data;

import static org.xcpbalancer.core.db.generated.Tables.CONTROLDECISION;
import static org.xcpbalancer.core.db.generated.Tables.CONTROLRUN;
import static org.xcpbalancer.core.db.generated.Tables.HOST;
import static org.xcpbalancer.core.db.generated.Tables.VM;

import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Record;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.UtcTime;

/** Reads the controller's decisions (ControlDecision) with their run's dry-run flag. Read-only. */
public final class DecisionRepository {
    private final Database database;

    public DecisionRepository(Database database) {
        this.database = database;
    }

    /**
     * The pool's latest decisions, newest first. With a VM: the decisions about it, and those about the whole
     * pool (blocked, paused, balanced), since they too say why it did not move.
     */
    public List<DecisionRow> recent(int poolId, int limit, Optional<String> vmUuid) {
        Condition about = vmUuid.map(uuid -> CONTROLDECISION.VmUuid.eq(uuid)
                .or(CONTROLDECISION.VmUuid.isNull().and(CONTROLDECISION.HostUuid.isNull())))
                .orElse(org.jooq.impl.DSL.noCondition());
        return database.dsl().select(CONTROLDECISION.fields()).select(CONTROLRUN.DryRun, HOST.Name, VM.Name)
                .from(CONTROLDECISION)
                .join(CONTROLRUN).on(CONTROLRUN.Id.eq(CONTROLDECISION.RunId))
                .leftJoin(HOST).on(HOST.UUID.eq(CONTROLDECISION.HostUuid))
                .leftJoin(VM).on(VM.UUID.eq(CONTROLDECISION.VmUuid))
                .where(CONTROLDECISION.PoolId.eq(poolId)).and(about)
                .orderBy(CONTROLDECISION.DecidedAt.desc(), CONTROLDECISION.Id.desc())
                .limit(limit).fetch(DecisionRepository::toRow);
    }

    private static DecisionRow toRow(Record r) {
        String hostUuid = r.get(CONTROLDECISION.HostUuid);
        String vmUuid = r.get(CONTROLDECISION.VmUuid);
        return new DecisionRow(r.get(CONTROLDECISION.Id), r.get(CONTROLDECISION.RunId),
                Boolean.TRUE.equals(r.get(CONTROLRUN.DryRun)), UtcTime.toInstant(r.get(CONTROLDECISION.DecidedAt)),
                r.get(CONTROLDECISION.Action), r.get(CONTROLDECISION.RuleSubject), r.get(CONTROLDECISION.RuleThreshold),
                hostUuid, r.get(HOST.Name) == null ? hostUuid : r.get(HOST.Name),
                vmUuid, r.get(VM.Name) == null ? vmUuid : r.get(VM.Name), r.get(CONTROLDECISION.Reason));
    }
}
