package org.xcpbalancer.control.snapshot;

import static org.xcpbalancer.core.db.generated.Tables.HOSTSAMPLE;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.xcpbalancer.control.log.MigrationLog;
import org.xcpbalancer.control.plan.MigrationFacts;
import org.xcpbalancer.control.plan.PoolSnapshot;
import org.xcpbalancer.control.plan.SafetyPolicy;
import org.xcpbalancer.control.power.PowerHistory;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.state.HostPowerActionRepository;
import org.xcpbalancer.core.state.HostSampleRow;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.HostMaintenanceRepository;
import org.xcpbalancer.core.state.PoolStateRepository;
import org.xcpbalancer.core.state.RuleRepository;
import org.xcpbalancer.core.state.SampleResolution;

/**
 * Builds the {@link PoolSnapshot} a strategy plans on, from the database only: the collected state, the rules,
 * the latest raw samples of every host (for the hold rule), the migration log's facts and the moves the VM
 * history shows that the controller did not make, how long each VM has stayed where it is and the lasting
 * decisions already stored ({@link ConstraintHistory}). A few short reads; no
 * transaction is held.
 */
public final class SnapshotLoader {
    private final Database database;
    private final PoolStateRepository states;
    private final RuleRepository rules;
    private final MigrationLog migrations;

    public SnapshotLoader(Database database) {
        this.database = database;
        this.states = new PoolStateRepository(database);
        this.rules = new RuleRepository(database);
        this.migrations = new MigrationLog(database);
    }

    /**
     * @param samplesPerHost how many of each host's newest raw samples to read: what the enabled strategies
     *                       need ({@code StrategyChain.samplesNeeded()})
     */
    public PoolSnapshot load(PoolRef pool, SafetyPolicy policy, int samplesPerHost, Instant now) {
        PoolRef fresh = states.pool(pool.uuid()).orElse(pool);
        PoolState state = states.load(fresh);
        MigrationFacts logged = migrations.facts(fresh.id(), now, MigrationLog.lookback(policy));
        Duration longestCooldown = policy.vmCooldown().compareTo(policy.hostCooldown()) > 0 ? policy.vmCooldown()
                : policy.hostCooldown();
        MigrationFacts facts = ObservedMoves.addTo(logged, database, fresh.id(), now,
                longestCooldown.plus(policy.maxDataAge()));
        Map<String, Integer> settled = ConstraintHistory.settledSamples(database, fresh.id(), state.vms(),
                samplesPerHost, now, policy.maxDataAge().multipliedBy(samplesPerHost + 1L));
        return new PoolSnapshot(state, rules.rules(fresh.id()), now, recentSamples(fresh.id(), samplesPerHost),
                facts, ConstraintHistory.reported(database, fresh.id(), now), settled,
                new HostMaintenanceRepository(database).active(fresh.id()),
                new PowerHistory(new HostPowerActionRepository(database).latestPerHost(fresh.id())));
    }

    /**
     * The newest raw samples of every host of the pool, newest first, at most {@code perHost} each, in one query
     * (ROW_NUMBER per host, which MySQL 8 and MariaDB 10.2+ have) rather than one per host.
     */
    Map<String, List<HostSampleRow>> recentSamples(int poolId, int perHost) {
        var rank = DSL.rowNumber().over().partitionBy(HOSTSAMPLE.HostUuid).orderBy(HOSTSAMPLE.SampledAt.desc()).as("Rank");
        var ranked = DSL.select(HOSTSAMPLE.asterisk(), rank).from(HOSTSAMPLE)
                .where(HOSTSAMPLE.PoolId.eq(poolId), HOSTSAMPLE.Resolution.eq(SampleResolution.RAW.dbValue()))
                .asTable("Ranked");
        Map<String, List<HostSampleRow>> byHost = new HashMap<>();
        database.dsl().select().from(ranked)
                .where(ranked.field("Rank", Integer.class).le(perHost))
                .orderBy(ranked.field(HOSTSAMPLE.HostUuid), ranked.field(HOSTSAMPLE.SampledAt).desc())
                .forEach(r -> byHost.computeIfAbsent(r.get(ranked.field(HOSTSAMPLE.HostUuid)), k -> new ArrayList<>())
                        .add(new HostSampleRow(r.get(ranked.field(HOSTSAMPLE.HostUuid)),
                                r.get(ranked.field(HOSTSAMPLE.Resolution)),
                                UtcTime.toInstant(r.get(ranked.field(HOSTSAMPLE.SampledAt))),
                                r.get(ranked.field(HOSTSAMPLE.MemoryTotalMb)), r.get(ranked.field(HOSTSAMPLE.MemoryFreeMb)),
                                r.get(ranked.field(HOSTSAMPLE.PifEth0RxKb)), r.get(ranked.field(HOSTSAMPLE.PifEth0TxKb)),
                                r.get(ranked.field(HOSTSAMPLE.Dom0LoadAvg)), r.get(ranked.field(HOSTSAMPLE.CpuAverage)),
                                r.get(ranked.field(HOSTSAMPLE.VmCount)))));
        return byHost;
    }
}
