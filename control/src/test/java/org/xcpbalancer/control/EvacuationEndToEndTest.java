package org.xcpbalancer.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.CONTROLDECISION;
import static org.xcpbalancer.core.db.generated.Tables.CONTROLRUN;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.control.ControlService.RunResult;
import org.xcpbalancer.control.execute.MigrationExecutor;
import org.xcpbalancer.control.log.ControlRunLog;
import org.xcpbalancer.control.plan.PoolSnapshot;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.control.plan.StrategyChain;
import org.xcpbalancer.control.snapshot.SnapshotLoader;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.state.HostMaintenance;
import org.xcpbalancer.core.state.HostMaintenance.State;
import org.xcpbalancer.core.state.HostMaintenanceRepository;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.simulator.model.PlacementModel;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Maintenance end to end (issue 14): the simulator, the real collector and a real MariaDB, the controller acting
 * through the SDK on what the console records in HostMaintenance. What the pool ends up as is read from the
 * simulator's /sim/state, the truth a user would check with xe.
 */
@ExtendWith(MariaDbExtension.class)
class EvacuationEndToEndTest {
    private static final MigrationExecutor.Limits FOUR_AT_ONCE = new MigrationExecutor.Limits(4, Duration.ofMinutes(3),
            Duration.ofMillis(200));
    private static final StrategyChain NO_COOLDOWNS = TestSettings.chain("control.vmCooldown=0s", "control.hostCooldown=0s");

    private static HostMaintenance request(ControlledPool pool, String hostName, String reason) {
        return new HostMaintenanceRepository(pool.database).request(pool.pool().id(),
                pool.simulator.model().hostByName(hostName).uuid(), hostName, HostMaintenance.DisabledBy.EVACUATE,
                Optional.of(reason), "alice (xcp-manager)", Instant.now());
    }

    private static HostMaintenance record(ControlledPool pool, String hostName) {
        return new HostMaintenanceRepository(pool.database).find(pool.pool().id(),
                pool.simulator.model().hostByName(hostName).uuid()).orElseThrow();
    }

    /** The simulator's /sim/state: the pool's truth, as xe would show it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> simState(ControlledPool pool) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(pool.simulator.masterUrl() + "/sim/state")).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readValue(response.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> simHost(ControlledPool pool, String name) throws Exception {
        for (Object host : (List<Object>) simState(pool).get("hosts")) {
            Map<String, Object> h = (Map<String, Object>) host;
            if (name.equals(h.get("name"))) {
                return h;
            }
        }
        throw new AssertionError("no host " + name + " in /sim/state");
    }

    /** Rules every host of the collected pool holds now with this margin: what the evacuation must not break. */
    private static List<HostRule> rulesHeldWithMargin(ControlledPool pool, double cpuMargin, double memoryMarginMb) {
        PoolSnapshot snapshot = load(pool);
        PredictedPool predicted = PredictedPool.of(snapshot);
        double cpu = 0;
        double memory = 0;
        for (int h = 0; h < predicted.hostCount(); h++) {
            cpu = Math.max(cpu, predicted.deviation(RuleSubject.CpuAverage, h));
            memory = Math.max(memory, predicted.deviation(RuleSubject.OccupiedMemoryMb, h));
        }
        return List.of(new HostRule(RuleSubject.CpuAverage, Math.ceil(cpu + cpuMargin)),
                new HostRule(RuleSubject.OccupiedMemoryMb, Math.ceil(memory + memoryMarginMb)));
    }

    private static PoolSnapshot load(ControlledPool pool) {
        return new SnapshotLoader(pool.database).load(pool.pool(), NO_COOLDOWNS.policy(), 1, Instant.now());
    }

    @Test
    void evacuatingALoadedHostOfSixteenLeavesItEmptyAndDisabledWithNoRuleBrokenAndNoMemoryOvercommitted(TestDatabase db)
            throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("pool-16-hosts-400-vms"), db)) {
            pool.collect(3);
            List<HostRule> rules = rulesHeldWithMargin(pool, 10, 16384);
            rules.forEach(r -> pool.rule(r.subject(), r.threshold()));
            request(pool, "host-07", "firmware upgrade");
            int guests = ((List<?>) simHost(pool, "host-07").get("vms")).size();

            RunResult run = pool.service(NO_COOLDOWNS, FOUR_AT_ONCE).runOnce(Optional.empty(), false);

            assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
            Map<String, Object> host07 = simHost(pool, "host-07");
            assertThat(host07.get("enabled")).isEqualTo(false);
            assertThat((List<?>) host07.get("vms")).as("no guest left on host-07").isEmpty();
            for (Object h : (List<?>) simState(pool).get("hosts")) {
                Map<?, ?> host = (Map<?, ?>) h;
                assertThat(((Number) host.get("memoryFreeBytes")).longValue()).as("free memory of " + host.get("name"))
                        .isGreaterThanOrEqualTo(0);
            }
            assertThat(record(pool, "host-07").state()).isEqualTo(State.EMPTY);
            assertThat(pool.output()).contains("EVACUATE: host-07 disabled for maintenance (requested by alice (xcp-manager):"
                    + " firmware upgrade): " + guests + " running VM(s), " + guests + " to move",
                    "EVACUATE: host-07 is empty and stays disabled: " + guests + " VM(s) moved");

            // As balancing sees the pool once collected again: no host over a rule.
            pool.collect(3);
            PredictedPool after = PredictedPool.of(load(pool));
            for (HostRule rule : rules) {
                assertThat(after.violators(rule)).as("hosts over " + rule).isEmpty();
            }
            // Balancing leaves the host in maintenance empty.
            pool.clearOutput();
            pool.control(NO_COOLDOWNS);
            assertThat((List<?>) simHost(pool, "host-07").get("vms")).isEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aVgpuVmKeepsTheHostFromBeingCalledEmptyAndIsListedWithWhy(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("placement-constraints"), db)) {
            pool.collect(3);
            request(pool, "host-2", "new GPU driver");

            RunResult run = pool.service(NO_COOLDOWNS, FOUR_AT_ONCE).runOnce(Optional.empty(), false);

            assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
            Map<String, Object> host2 = simHost(pool, "host-2");
            assertThat(host2.get("enabled")).isEqualTo(false);
            assertThat((List<Object>) host2.get("vms")).containsExactly("render");
            assertThat(pool.simulator.model().vmByName("cache-1").residentOn().name())
                    .as("the anti-affinity pair is kept apart").isNotEqualTo(pool.hostOf("cache-2"));
            HostMaintenance blocked = record(pool, "host-2");
            assertThat(blocked.state()).isEqualTo(State.BLOCKED);
            assertThat(blocked.leftVms()).singleElement().satisfies(vm -> {
                assertThat(vm.vmName()).isEqualTo("render");
                assertThat(vm.reason()).isEqualTo("has a vGPU (XAPI refuses with VM_HAS_VGPU)");
            });
            assertThat(pool.output()).contains("NO_MOVE: render stays on host-2 (in maintenance): it has a vGPU",
                    "EVACUATE: host-2 stays disabled and is not empty: 1 VM(s) cannot move: render (has a vGPU");

            // Every later run tries again, but says nothing new.
            pool.clearOutput();
            pool.control(NO_COOLDOWNS);
            assertThat(pool.output()).doesNotContain("EVACUATE:", "NO_MOVE: render");
            assertThat(record(pool, "host-2").state()).isEqualTo(State.BLOCKED);
        }
    }

    @Test
    void enableHostEndsTheMaintenanceAndBalancingRefillsTheHost(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            pool.collect(3);
            request(pool, "Host2", "memory test");
            pool.control(NO_COOLDOWNS);
            assertThat((List<?>) simHost(pool, "Host2").get("vms")).isEmpty();

            // Host1 now carries everything and violates the rule, but Host2 is in maintenance: not a destination.
            pool.rule(RuleSubject.CpuAverage, 25);
            pool.collect(3);
            pool.clearOutput();
            pool.control(NO_COOLDOWNS);
            assertThat((List<?>) simHost(pool, "Host2").get("vms")).isEmpty();
            assertThat(pool.output()).contains("NO_MOVE: Host1 violates CpuAverage");

            new HostMaintenanceRepository(pool.database).requestEnable(pool.pool().id(),
                    pool.simulator.model().hostByName("Host2").uuid(), "Host2", "alice (xcp-manager)", Instant.now());
            pool.clearOutput();
            pool.control(NO_COOLDOWNS);
            assertThat(simHost(pool, "Host2").get("enabled")).isEqualTo(true);
            assertThat(record(pool, "Host2").state()).isEqualTo(State.ENDED);
            assertThat(pool.output()).contains("ENABLE: Host2 enabled again (ENABLE HOST by alice (xcp-manager)):"
                    + " maintenance ended, balancing may fill it");

            pool.collect(3);
            pool.control(NO_COOLDOWNS);
            assertThat((List<?>) simHost(pool, "Host2").get("vms")).as("balancing moved a VM back").isNotEmpty();
        }
    }

    @Test
    void aRestartedControllerCarriesOnAnEvacuationAnEarlierOneLeftHalfDone(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            pool.collect(3);
            request(pool, "Host2", "disk swap");
            pool.simulator.admin().setHangMigrations(true);
            MigrationExecutor.Limits shortTimeout = new MigrationExecutor.Limits(2, Duration.ofSeconds(2), Duration.ofMillis(200));

            pool.service(NO_COOLDOWNS, shortTimeout).runOnce(Optional.empty(), false);

            assertThat(simHost(pool, "Host2").get("enabled")).isEqualTo(false);
            assertThat((List<?>) simHost(pool, "Host2").get("vms")).hasSize(2);
            assertThat(record(pool, "Host2").state()).isEqualTo(State.BLOCKED);

            // A new controller process: nothing but the database and the pool tell it what was going on.
            pool.simulator.admin().setHangMigrations(false);
            pool.collect(1);
            ControlService restarted = pool.service(NO_COOLDOWNS, FOUR_AT_ONCE);
            restarted.runOnce(Optional.empty(), false);

            assertThat((List<?>) simHost(pool, "Host2").get("vms")).isEmpty();
            assertThat(record(pool, "Host2").state()).isEqualTo(State.EMPTY);
        }
    }

    @Test
    void inAFreezeWindowNothingIsLaunchedAndOneFrozenDecisionIsStored(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            pool.collect(3);
            pool.rule(RuleSubject.CpuAverage, 25);
            request(pool, "Host2", "backup night");
            StrategyChain frozen = TestSettings.chain("control.freezeWindows=daily 00:00-24:00", "control.timeZone=UTC",
                    "control.mode=density");

            RunResult run = pool.service(frozen, FOUR_AT_ONCE).runOnce(Optional.empty(), false);

            assertThat(run.outcome()).isEqualTo(ControlRunLog.Outcome.FROZEN);
            assertThat(pool.migrations()).isEmpty();
            assertThat(simHost(pool, "Host2").get("enabled")).as("not even disabled").isEqualTo(true);
            assertThat(record(pool, "Host2").state()).isEqualTo(State.REQUESTED);
            assertThat(pool.output()).contains("FROZEN: freeze window 'daily 00:00-24:00' (control.freezeWindows, UTC) is open:"
                    + " nothing is launched this run (balancing, repair, density); the evacuation of Host2 waits for its end");
            assertThat(pool.database.dsl().fetchCount(CONTROLDECISION, CONTROLDECISION.RunId.eq(run.runId())
                    .and(CONTROLDECISION.Action.eq("FROZEN")))).isEqualTo(1);
            assertThat(pool.database.dsl().fetchCount(CONTROLDECISION, CONTROLDECISION.RunId.eq(run.runId())))
                    .as("nothing else decided").isEqualTo(1);
            assertThat(pool.database.dsl().select(CONTROLRUN.Mode).from(CONTROLRUN).where(CONTROLRUN.Id.eq(run.runId()))
                    .fetchOne(CONTROLRUN.Mode))
                    .as("the mode in force is stored with the run").isEqualTo("density");
        }
    }

    @Test
    void aHostDisabledOutsideXcpBalancerIsEnabledThroughItAndTheRecordSaysWhoDisabledIt(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            pool.simulator.model().setHostEnabled(pool.simulator.model().hostByName("Host2"), false); // xe host-disable
            pool.collect(1);
            HostMaintenance asked = new HostMaintenanceRepository(pool.database).requestEnable(pool.pool().id(),
                    pool.simulator.model().hostByName("Host2").uuid(), "Host2", "bob (xcp-manager)", Instant.now());
            assertThat(asked.disabledBy()).isEqualTo(HostMaintenance.DisabledBy.OPERATOR);

            pool.control(NO_COOLDOWNS);

            assertThat(simHost(pool, "Host2").get("enabled")).isEqualTo(true);
            assertThat(record(pool, "Host2").state()).isEqualTo(State.ENDED);
            assertThat(pool.output()).contains("ENABLE: Host2 enabled again (ENABLE HOST by bob (xcp-manager))");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAffinityGroupGatheredOnTheHostLeavesTogetherOrStaysTogetherWithWhy(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("placement-constraints"), db)) {
            pool.collect(3);
            request(pool, "host-3", "BIOS update");
            // With host-3 disabled, XAPI's HA plan (one failure tolerated) has no room for the shop pair elsewhere:
            // planned as XAPI will see it, nothing is launched for them and the record says why.
            pool.service(NO_COOLDOWNS, FOUR_AT_ONCE).runOnce(Optional.empty(), false);
            assertThat(pool.output()).doesNotContain("refused by XAPI").contains("NO_MOVE: app-1 stays on host-3 (in"
                    + " maintenance): it no host can take it:", "XAPI's HA could not restart", "(with its affinity group: app-1, app-2)");
            assertThat(pool.hostOf("app-1")).isEqualTo("host-3");

            // Without HA the pair leaves, together.
            pool.simulator.admin().setHa(new PlacementModel.HaSettings(false, 0, false));
            pool.collect(2);
            pool.service(NO_COOLDOWNS, FOUR_AT_ONCE).runOnce(Optional.empty(), false);
            assertThat(pool.hostOf("app-1")).as("app-1 and app-2 (affinity 'shop') stay together")
                    .isEqualTo(pool.hostOf("app-2")).isNotEqualTo("host-3");
            assertThat((List<Object>) simHost(pool, "host-3").get("vms")).containsExactly("router");
            assertThat(record(pool, "host-3").leftVms()).singleElement().satisfies(vm -> assertThat(vm.reason())
                    .isEqualTo("has a PCI device passed through (XAPI refuses with VM_HAS_PCI_ATTACHED)"));
        }
    }
}
