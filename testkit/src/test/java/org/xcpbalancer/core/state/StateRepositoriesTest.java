package org.xcpbalancer.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcpbalancer.core.db.generated.Tables.HOST;
import static org.xcpbalancer.core.db.generated.Tables.HOSTSAMPLE;
import static org.xcpbalancer.core.db.generated.Tables.MAP;
import static org.xcpbalancer.core.db.generated.Tables.POOL;
import static org.xcpbalancer.core.db.generated.Tables.VM;
import static org.xcpbalancer.core.db.generated.Tables.VMTAG;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

@ExtendWith(MariaDbExtension.class)
class StateRepositoriesTest {
    private static final Instant COLLECTED = Instant.parse("2026-11-22T10:00:00Z");
    private static int poolId;

    @BeforeAll
    static void paperPool(TestDatabase db) {
        DSLContext dsl = db.database().dsl();
        poolId = dsl.insertInto(POOL, POOL.UUID, POOL.Name, POOL.LastCollectedAt)
                .values("pool-1", "Main Pool", UtcTime.toUtc(COLLECTED)).returning(POOL.Id).fetchOne().getId();
        dsl.insertInto(POOL, POOL.UUID, POOL.Name).values("pool-2", "Other Pool").execute();
        dsl.insertInto(HOST, HOST.UUID, HOST.Name, HOST.PoolId, HOST.CpuNum, HOST.MemoryTotalMb, HOST.MemoryFreeMb, HOST.CpuAverage)
                .values("h1", "Host1", poolId, 4, 4069L, 2800L, 25.0)
                .values("h2", "Host2", poolId, 4, 4069L, 2500L, 100.0)
                .values("h3", "Host3", poolId, 4, null, null, null).execute();
        dsl.insertInto(VM, VM.UUID, VM.Name, VM.PoolId, VM.PowerState, VM.IsControlDomain, VM.VcpuNum, VM.VcpuAverage, VM.MemoryMb)
                .values("v1", "VM1 - Debian", poolId, "Running", false, 2, 50.0, 1024L)
                .values("v2", "VM2 - Debian", poolId, "Running", false, 2, 100.0, 256L)
                .values("v4", "Stopped", poolId, "Halted", false, 1, null, 512L)
                .values("d1", "Control domain on host: Host1", poolId, "Running", true, 4, 3.0, 800L).execute();
        dsl.insertInto(MAP, MAP.HostUuid, MAP.VmUuid).values("h1", "v1").values("h2", "v2").values("h1", "d1").execute();
        dsl.insertInto(VMTAG, VMTAG.VmUuid, VMTAG.Tag).values("v2", "xcp-balancer:ignore").values("v2", "web").execute();
    }

    @Test
    void poolsAreFoundByNameOrUuid(TestDatabase db) {
        PoolStateRepository repository = new PoolStateRepository(db.database());
        assertThat(repository.pools()).extracting(PoolRef::name).containsExactly("Main Pool", "Other Pool");
        assertThat(repository.pool("main pool")).get().extracting(PoolRef::uuid).isEqualTo("pool-1");
        assertThat(repository.pool("pool-2")).get().extracting(PoolRef::name).isEqualTo("Other Pool");
        assertThat(repository.pool("nope")).isEmpty();
        assertThat(repository.pool("Main Pool").get().lastCollectedAt()).contains(COLLECTED);
    }

    @Test
    void snapshotHasResidencyTagsAndKeepsUnmeasuredAsNull(TestDatabase db) {
        PoolStateRepository repository = new PoolStateRepository(db.database());
        PoolState state = repository.load(repository.pool("Main Pool").orElseThrow());
        assertThat(state.hosts()).extracting(HostState::name).containsExactly("Host1", "Host2", "Host3");
        assertThat(state.vmsOn("h1")).extracting(VmState::name).containsExactlyInAnyOrder("VM1 - Debian", "Control domain on host: Host1");
        assertThat(state.findVm("VM2 - Debian").orElseThrow().tags()).containsExactlyInAnyOrder("xcp-balancer:ignore", "web");
        assertThat(state.findVm("stopped").orElseThrow().hostUuid()).isNull();
        HostState host3 = state.findHost("Host3").orElseThrow();
        assertThat(host3.cpuAverage()).isNull();
        assertThat(host3.occupiedMemoryMb()).isNull();
        assertThat(RuleSubject.OccupiedMemoryMb.valueOf(state.findHost("h2").orElseThrow())).isEqualTo(1569.0);
        assertThat(RuleSubject.CpuAverage.valueOf(host3)).isNull();
    }

    @Test
    void oneRulePerSubjectPerPool(TestDatabase db) {
        RuleRepository rules = new RuleRepository(db.database());
        rules.save(poolId, new HostRule(RuleSubject.CpuAverage, 25));
        rules.save(poolId, new HostRule(RuleSubject.OccupiedMemoryMb, 512));
        rules.save(poolId, new HostRule(RuleSubject.CpuAverage, 30));
        assertThat(rules.rules(poolId)).containsExactlyInAnyOrder(new HostRule(RuleSubject.CpuAverage, 30),
                new HostRule(RuleSubject.OccupiedMemoryMb, 512));
        assertThat(rules.delete(poolId, RuleSubject.OccupiedMemoryMb)).isTrue();
        assertThat(rules.delete(poolId, RuleSubject.OccupiedMemoryMb)).isFalse();
        assertThat(rules.rules(poolId)).containsExactly(new HostRule(RuleSubject.CpuAverage, 30));
        rules.delete(poolId, RuleSubject.CpuAverage);
    }

    @Test
    void absurdThresholdsAreRefused() {
        assertThatThrownBy(() -> new HostRule(RuleSubject.CpuAverage, 150)).hasMessageContaining("at most 100 %");
        assertThatThrownBy(() -> new HostRule(RuleSubject.CpuAverage, 0)).hasMessageContaining("more than 0");
        assertThatThrownBy(() -> new HostRule(RuleSubject.PifEth0RxKb, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RuleSubject.parse("cpuaverage")).contains(RuleSubject.CpuAverage);
        assertThat(RuleSubject.parse("CpuAvg")).isEmpty();
    }

    @Test
    void historyNewestFirst(TestDatabase db) {
        DSLContext dsl = db.database().dsl();
        for (int i = 0; i < 5; i++) {
            dsl.insertInto(HOSTSAMPLE, HOSTSAMPLE.PoolId, HOSTSAMPLE.HostUuid, HOSTSAMPLE.Resolution, HOSTSAMPLE.SampledAt, HOSTSAMPLE.CpuAverage)
                    .values(poolId, "h2", "raw", UtcTime.toUtc(COLLECTED.minus(i, ChronoUnit.MINUTES)), 90.0 + i).execute();
        }
        HistoryRepository history = new HistoryRepository(db.database());
        assertThat(history.recentHostSamples(poolId, "h2", 3)).extracting(HostSampleRow::cpuAverage).containsExactly(90.0, 91.0, 92.0);
        assertThat(history.hostSamplesSince(poolId, "h2", COLLECTED.minus(2, ChronoUnit.MINUTES)))
                .extracting(HostSampleRow::sampledAt)
                .containsExactly(COLLECTED.minus(2, ChronoUnit.MINUTES), COLLECTED.minus(1, ChronoUnit.MINUTES), COLLECTED);
    }
}
