package org.xcpbalancer.control.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.control.SnapshotBuilder.uuid;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.SnapshotBuilder;
import org.xcpbalancer.control.TestSettings;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.core.state.VmState;

class EligibilityTest {
    private static final SafetyPolicy DEFAULTS = TestSettings.policy();

    private static SnapshotBuilder pool() {
        return new SnapshotBuilder().host("Host1", 4, 16384).host("Host2", 4, 16384)
                .vm("Web", "Host1", 2, 50, 2048).vm("Db", "Host2", 2, 50, 2048)
                .rule(RuleSubject.CpuAverage, 25);
    }

    @Test
    void freshDataWithNothingExcludedLetsEverythingTakePart() {
        Eligibility gate = Eligibility.of(pool().build(), DEFAULTS);
        assertThat(gate.blocked()).isFalse();
        assertThat(gate.blockers()).isEmpty();
        assertThat(gate.vmRefusal(uuid("Web"))).isEmpty();
        assertThat(gate.hostRefusal(uuid("Host1"))).isEmpty();
    }

    @Test
    void missingOrStaleDataBlocksEveryDecision() {
        Eligibility never = Eligibility.of(pool().neverCollected().build(), DEFAULTS);
        assertThat(never.blocked()).isTrue();
        assertThat(never.blockers()).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo(DecisionAction.BLOCKED);
            assertThat(d.reason()).contains("has never been collected");
        });

        Eligibility stale = Eligibility.of(pool().collectedAgo(Duration.ofMinutes(10)).build(), DEFAULTS);
        assertThat(stale.blocked()).isTrue();
        assertThat(stale.blockers().get(0).reason()).contains("is 10m old, more than control.maxDataAge 5m");
    }

    @Test
    void vmsThatMayNotMoveCarryTheirReason() {
        PoolSnapshot snapshot = pool().vm("Tagged", "Host1", 1, 10, 512, SafetyPolicy.IGNORE_TAG)
                .vmMovedAgo("Web", Duration.ofMinutes(10)).inFlight("Db", "Host1").build();
        Eligibility gate = Eligibility.of(snapshot, TestSettings.policy("control.excludeVms=nothing"));
        assertThat(gate.vmRefusal(uuid("Tagged"))).contains("is tagged " + SafetyPolicy.IGNORE_TAG);
        assertThat(gate.vmRefusal(uuid("Web"))).get().asString().contains("within control.vmCooldown 30m");
        assertThat(gate.vmRefusal(uuid("Db"))).contains("is being migrated");

        Eligibility listed = Eligibility.of(pool().build(), TestSettings.policy("control.excludeVms=WEB"));
        assertThat(listed.vmRefusal(uuid("Web"))).contains("is listed in control.excludeVms");
    }

    @Test
    void aVmThatKeepsFailingBacksOffLongerEachTime() {
        Eligibility once = Eligibility.of(pool().failures("Web", 1, Duration.ofMinutes(15)).build(), DEFAULTS);
        assertThat(once.vmRefusal(uuid("Web"))).as("10m backoff is over").isEmpty();

        Eligibility twice = Eligibility.of(pool().failures("Web", 2, Duration.ofMinutes(15)).build(), DEFAULTS);
        assertThat(twice.vmRefusal(uuid("Web"))).get().asString()
                .contains("failed to migrate 2 time(s) in a row", "backing off for 20m");
    }

    @Test
    void hostsThatMayNeitherGiveNorTakeCarryTheirReason() {
        PoolSnapshot snapshot = pool().host("Off", 4, 16384, false).host("Kept", 4, 16384)
                .hostChangedAgo("Host2", Duration.ofMinutes(1)).build();
        Eligibility gate = Eligibility.of(snapshot, TestSettings.policy("control.excludeHosts=kept"));
        assertThat(gate.hostRefusal(uuid("Off"))).contains("is disabled");
        assertThat(gate.hostRefusal(uuid("Kept"))).contains("is listed in control.excludeHosts");
        assertThat(gate.hostRefusal(uuid("Host2"))).get().asString().contains("within control.hostCooldown 5m");
        assertThat(gate.hostRefusal(uuid("Host1"))).isEmpty();

        Eligibility inFlight = Eligibility.of(pool().inFlight("Db", "Host1").build(), DEFAULTS);
        assertThat(inFlight.hostRefusal(uuid("Host1"))).contains("has a migration in flight");
    }

    @Test
    void vmsXapiWouldNotMigrateArePinnedWithTheirReason() {
        Eligibility gate = Eligibility.of(pool().vm("Gpu", "Host1", 2, 10, 2048).vm("Pci", "Host1", 2, 10, 2048)
                .vm("Stuck", "Host2", 2, 10, 2048).passthrough("Gpu", "vgpu").passthrough("Pci", "pci")
                .notMigratable("Stuck").build(), DEFAULTS);
        assertThat(gate.vmRefusal(uuid("Gpu"))).contains("has a vGPU (XAPI refuses with VM_HAS_VGPU)");
        assertThat(gate.vmRefusal(uuid("Pci"))).contains(
                "has a PCI device passed through (XAPI refuses with VM_HAS_PCI_ATTACHED)");
        assertThat(gate.vmRefusal(uuid("Stuck"))).contains(
                "has no pool_migrate in its allowed_operations (XAPI would not migrate it)");
        assertThat(gate.pinned()).containsOnlyKeys(uuid("Gpu"), uuid("Pci"), uuid("Stuck"));
        assertThat(gate.isPinned(uuid("Web"))).isFalse();
    }

    @Test
    void aPairXapiRefusedIsKeptOutForTheBackoffOnly() {
        Eligibility recent = Eligibility.of(pool().refused("Web", "Host2", Duration.ofMinutes(3)).build(), DEFAULTS);
        assertThat(recent.pairRefusal(uuid("Web"), uuid("Host2"))).hasValueSatisfying(why -> assertThat(why)
                .startsWith("3m ago (HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN)"));
        assertThat(recent.vmRefusal(uuid("Web"))).as("the VM itself does not back off").isEmpty();
        Eligibility old = Eligibility.of(pool().refused("Web", "Host2", Duration.ofHours(1)).build(), DEFAULTS);
        assertThat(old.pairRefusal(uuid("Web"), uuid("Host2"))).isEmpty();
    }

    @Test
    void pinnedVmsAreStoredOnceNotEveryRun() {
        StrategyChain chain = TestSettings.chain();
        PoolSnapshot first = pool().vm("Gpu", "Host1", 2, 10, 2048).passthrough("Gpu", "vgpu").build();
        MigrationPlan plan = TestSettings.plan(chain, first);
        Decision pinned = plan.decisions().stream().filter(d -> uuid("Gpu").equals(d.vmUuid())).findFirst()
                .orElseThrow();
        assertThat(pinned.action()).isEqualTo(DecisionAction.EXCLUDE);
        assertThat(pinned.reason()).isEqualTo("Gpu is never planned: it has a vGPU (XAPI refuses with VM_HAS_VGPU)");

        PoolSnapshot next = pool().vm("Gpu", "Host1", 2, 10, 2048).passthrough("Gpu", "vgpu")
                .reported(new ReportedDecisions.Builder().add("EXCLUDE", uuid("Gpu"), pinned.reason()).build()).build();
        assertThat(TestSettings.plan(chain, next).decisions()).noneMatch(d -> uuid("Gpu").equals(d.vmUuid()));
    }

    @Test
    void everyRefusalIsTypedByItsKindAsWellAsWorded() {
        PoolSnapshot snapshot = pool().vm("Tagged", "Host1", 1, 10, 512, SafetyPolicy.IGNORE_TAG)
                .vm("Gpu", "Host1", 2, 10, 2048).passthrough("Gpu", "vgpu").vm("Pci", "Host1", 2, 10, 2048)
                .passthrough("Pci", "pci").vm("Stuck", "Host2", 2, 10, 2048).notMigratable("Stuck")
                .vm("Failing", "Host2", 1, 10, 512).failures("Failing", 2, Duration.ofMinutes(15))
                .vmMovedAgo("Web", Duration.ofMinutes(10)).inFlight("Db", "Host1")
                .host("Off", 4, 16384, false).host("Kept", 4, 16384).host("Spare", 4, 16384)
                .hostChangedAgo("Spare", Duration.ofMinutes(1)).refused("Web", "Host2", Duration.ofMinutes(3)).build();
        Eligibility gate = Eligibility.of(snapshot, TestSettings.policy("control.excludeHosts=kept"));

        assertThat(gate.refusalOfVm(uuid("Tagged"))).map(GateRefusal::kind).contains(GateRefusal.Kind.IGNORE_TAG);
        assertThat(gate.refusalOfVm(uuid("Gpu"))).map(GateRefusal::kind).contains(GateRefusal.Kind.VGPU);
        assertThat(gate.refusalOfVm(uuid("Pci"))).map(GateRefusal::kind).contains(GateRefusal.Kind.PCI_PASSTHROUGH);
        assertThat(gate.refusalOfVm(uuid("Stuck"))).map(GateRefusal::kind).contains(GateRefusal.Kind.NO_POOL_MIGRATE);
        assertThat(gate.refusalOfVm(uuid("Failing"))).map(GateRefusal::kind)
                .contains(GateRefusal.Kind.FAILURE_BACKOFF);
        assertThat(gate.refusalOfVm(uuid("Web"))).map(GateRefusal::kind).contains(GateRefusal.Kind.VM_COOLDOWN);
        assertThat(gate.refusalOfVm(uuid("Db"))).map(GateRefusal::kind).contains(GateRefusal.Kind.VM_IN_FLIGHT);
        assertThat(gate.refusalOfHost(uuid("Off"))).map(GateRefusal::kind).contains(GateRefusal.Kind.HOST_DISABLED);
        assertThat(gate.refusalOfHost(uuid("Kept"))).map(GateRefusal::kind).contains(GateRefusal.Kind.HOST_EXCLUDED);
        assertThat(gate.refusalOfHost(uuid("Host1"))).as("Db's destination").map(GateRefusal::kind)
                .contains(GateRefusal.Kind.HOST_IN_FLIGHT);
        assertThat(gate.refusalOfHost(uuid("Spare"))).map(GateRefusal::kind).contains(GateRefusal.Kind.HOST_COOLDOWN);
        assertThat(gate.refusalOfPair(uuid("Web"), uuid("Host2"))).map(GateRefusal::kind)
                .contains(GateRefusal.Kind.REFUSED_BY_XAPI);
        assertThat(gate.refusalOfVm(uuid("Web"))).map(GateRefusal::text).isEqualTo(gate.vmRefusal(uuid("Web")));

        assertThat(Eligibility.of(pool().neverCollected().build(), DEFAULTS).blockingRefusals())
                .extracting(GateRefusal::kind).containsExactly(GateRefusal.Kind.NEVER_COLLECTED);
        assertThat(Eligibility.of(pool().collectedAgo(Duration.ofMinutes(10)).build(), DEFAULTS).blockingRefusals())
                .extracting(GateRefusal::kind).containsExactly(GateRefusal.Kind.STALE_DATA);
    }

    @Test
    void aPoolUnderRollingUpgradeOrAVmBusyInXapiIsTypedSo() {
        Eligibility busy = Eligibility.of(pool().vmWith("Web", EligibilityTest::shuttingDown).build(), DEFAULTS);
        assertThat(busy.refusalOfVm(uuid("Web"))).map(GateRefusal::kind)
                .contains(GateRefusal.Kind.OPERATION_IN_PROGRESS);
        assertThat(busy.vmRefusal(uuid("Web"))).contains("has a current operation in XAPI (clean_shutdown)");

        Eligibility upgrading = Eligibility.of(underRollingUpgrade(pool().build()), DEFAULTS);
        assertThat(upgrading.refusalOfVm(uuid("Web"))).map(GateRefusal::kind)
                .contains(GateRefusal.Kind.ROLLING_UPGRADE);
    }

    private static VmState shuttingDown(VmState v) {
        return new VmState(v.uuid(), v.name(), v.hostUuid(), v.memoryMb(), v.memoryInternalFreeMb(), v.vif0RxKb(),
                v.vif0TxKb(), v.vcpuAverage(), v.vcpuNum(), v.powerState(), v.controlDomain(), v.tags(), v.metricsAt(),
                v.updatedAt(), v.migratable(), v.passthrough(), "clean_shutdown", v.haRestartPriority(),
                v.affinityHostUuid(), v.groupUuids());
    }

    /** As the collector stores a pool whose other_config holds rolling_upgrade_in_progress. */
    private static PoolSnapshot underRollingUpgrade(PoolSnapshot s) {
        PoolState state = s.state();
        PoolState upgrading = new PoolState(state.pool(), state.hosts(), state.vms(), state.groups(), state.ha(), true);
        return new PoolSnapshot(upgrading, s.rules(), s.now(), s.recentHostSamples(), s.migrations(), s.reported(),
                s.vmSettledSamples());
    }
}
