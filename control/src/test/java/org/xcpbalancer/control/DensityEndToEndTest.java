package org.xcpbalancer.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcpbalancer.core.db.generated.Tables.HOSTPOWERACTION;

import com.xensource.xenapi.Host;
import com.xensource.xenapi.Types;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.control.log.MigrationState;
import org.xcpbalancer.control.plan.StrategyChain;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.state.HostMaintenance;
import org.xcpbalancer.core.state.HostMaintenanceRepository;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.xapi.XapiSession;
import org.xcpbalancer.simulator.model.HostPower;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Density mode end to end: the simulator, the real collector, a real MariaDB and the controller powering hosts
 * off and on through the SDK. Host1 is the master; Host2 runs a VM with a vGPU; Host3 draws the most at idle;
 * Host4 runs nothing, is disabled (maintenance) and has no power_on_mode until a test sets one.
 */
@ExtendWith(MariaDbExtension.class)
class DensityEndToEndTest {
    private static final String POOL = """
            {"pool": "Night", "options": {"hostBootSeconds": 40, "hostShutdownSeconds": 10},
             "hosts": [{"name": "Host1", "cpus": 8, "memoryMb": 16384, "master": true, "idleWatts": 120, "maxWatts": 320},
                       {"name": "Host2", "cpus": 8, "memoryMb": 16384, "idleWatts": 120, "maxWatts": 320},
                       {"name": "Host3", "cpus": 8, "memoryMb": 16384, "idleWatts": 180, "maxWatts": 400},
                       {"name": "Host4", "cpus": 8, "memoryMb": 16384, "idleWatts": 100, "maxWatts": 300,
                        "enabled": false}],
             "vms": [{"name": "web1", "host": "Host1", "vcpus": 2, "memoryMb": 2048, "cpu": 0.05},
                     {"name": "web2", "host": "Host2", "vcpus": 2, "memoryMb": 2048, "cpu": 0.05},
                     {"name": "gpu", "host": "Host2", "vcpus": 1, "memoryMb": 1024, "cpu": 0.05, "passthrough": "vgpu"},
                     {"name": "db1", "host": "Host3", "vcpus": 2, "memoryMb": 2048, "cpu": 0.05},
                     {"name": "db2", "host": "Host3", "vcpus": 2, "memoryMb": 2048, "cpu": 0.05}]}
            """;
    private static final StrategyChain DENSITY = TestSettings.chain(
            "control.strategies=constraint-repair,rule-deviation,density", "control.mode=density",
            "control.maxMigrationsPerRun=5", "control.hostCooldown=0s", "density.hostWatts=Host1=120/320,"
                    + " Host2=120/320, Host3=180/400, Host4=100/300");

    /**
     * HA on, one failure tolerated: Host1..Host4 each run a protected 8 GB VM and keep 7 GB free, Host5 runs
     * nothing: the only host that could restart a protected VM if another host failed.
     */
    private static final String HA_SPARE = """
            {"pool": "Spare", "ha": {"enabled": true, "hostFailuresToTolerate": 1},
             "options": {"hypervisorOverheadMb": 0},
             "hosts": [{"name": "Host1", "cpus": 8, "memoryMb": 16384, "controlDomainMemoryMb": 1024, "master": true},
                       {"name": "Host2", "cpus": 8, "memoryMb": 16384, "controlDomainMemoryMb": 1024},
                       {"name": "Host3", "cpus": 8, "memoryMb": 16384, "controlDomainMemoryMb": 1024},
                       {"name": "Host4", "cpus": 8, "memoryMb": 16384, "controlDomainMemoryMb": 1024},
                       {"name": "Host5", "cpus": 8, "memoryMb": 16384, "controlDomainMemoryMb": 1024}],
             "vms": [{"name": "P1", "host": "Host1", "vcpus": 1, "memoryMb": 8192, "cpu": 0.05, "haRestartPriority": "restart"},
                     {"name": "P2", "host": "Host2", "vcpus": 1, "memoryMb": 8192, "cpu": 0.05, "haRestartPriority": "restart"},
                     {"name": "P3", "host": "Host3", "vcpus": 1, "memoryMb": 8192, "cpu": 0.05, "haRestartPriority": "restart"},
                     {"name": "P4", "host": "Host4", "vcpus": 1, "memoryMb": 8192, "cpu": 0.05, "haRestartPriority": "restart"}]}
            """;

    private static ControlledPool pool(TestDatabase db) throws Exception {
        ControlledPool pool = new ControlledPool(ScenarioLoader.parse(POOL, "night"), db);
        setPowerOnMode(pool, "wake-on-lan", "Host1", "Host2", "Host3");
        return pool;
    }

    private static void setPowerOnMode(ControlledPool pool, String mode, String... hosts) throws Exception {
        try (XapiSession admin = XapiSession.open(pool.xapi)) {
            for (String name : hosts) {
                String uuid = pool.simulator.model().hostByName(name).uuid();
                admin.call("host.set_power_on_mode", c -> {
                    Host.getByUuid(c, uuid).setPowerOnMode(c, mode, Map.of());
                    return null;
                });
            }
        }
    }

    private static HostPower power(ControlledPool pool, String host) {
        return pool.simulator.model().hostByName(host).power();
    }

    private static List<String> powerActions(ControlledPool pool) {
        return pool.database.dsl().select(HOSTPOWERACTION.HostName, HOSTPOWERACTION.Action, HOSTPOWERACTION.State)
                .from(HOSTPOWERACTION).orderBy(HOSTPOWERACTION.Id)
                .fetch(r -> r.value1() + " " + r.value2() + " " + r.value3());
    }

    /** The host's maintenance record, as SHOW HOSTS FULL lists it ("density: empty"). */
    private static HostMaintenance maintenance(ControlledPool pool, String host) {
        return new HostMaintenanceRepository(pool.database).find(pool.pool().id(),
                pool.simulator.model().hostByName(host).uuid()).orElseThrow();
    }

    @Test
    void aQuietNightEmptiesTheHostDrawingMostAtIdleAndPowersItOffNeverTheMasterNorAHostItCannotWake(TestDatabase db)
            throws Exception {
        try (ControlledPool pool = pool(db)) {
            pool.collect(3);

            ControlService.RunResult night = pool.control(DENSITY);

            assertThat(pool.migrations()).extracting(m -> m.vmName() + " " + m.state())
                    .containsExactlyInAnyOrder("db1 " + MigrationState.SUCCEEDED, "db2 " + MigrationState.SUCCEEDED);
            assertThat(pool.simulator.model().residentVms(pool.simulator.model().hostByName("Host3"))
                    .stream().filter(v -> v.isGuest())).isEmpty();
            assertThat(power(pool, "Host3")).isIn(HostPower.SHUTTING_DOWN, HostPower.OFF);
            assertThat(pool.simulator.model().hostByName("Host3").enabled()).isFalse();
            assertThat(powerActions(pool)).containsExactly("Host3 power_off done");
            assertThat(pool.output()).contains("POWER_OFF: Host3 (idle 180 W) is powered off once empty: its 2 VM(s)",
                    "POWER_OFF: Host3 is powered off (host.disable, host.shutdown): XAPI showed no guest on it");
            assertThat(night.plan().powerActions()).hasSize(1);
            assertThat(pool.output()).contains("Migrations: 2 succeeded. Power: power off Host3.");
            assertThat(maintenance(pool, "Host3").describe())
                    .startsWith("in maintenance (empty, by density: Host3 (idle 180 W) is powered off once empty");
            assertThat(maintenance(pool, "Host3").requestedBy()).isEqualTo("density");

            // The next night run: nothing else may go, and each host says why.
            pool.clearOutput();
            pool.collect(2);
            pool.control(DENSITY);
            assertThat(powerActions(pool)).containsExactly("Host3 power_off done");
            assertThat(pool.output()).contains("SKIP: Host1 is not powered off: it is the pool master",
                    "SKIP: Host2 is not powered off: it keeps gpu, which has a vGPU",
                    "SKIP: Host4 is not powered off: its power_on_mode is not set");
            assertThat(power(pool, "Host1")).isEqualTo(HostPower.RUNNING);
            assertThat(power(pool, "Host2")).isEqualTo(HostPower.RUNNING);
            assertThat(power(pool, "Host4")).isEqualTo(HostPower.RUNNING);
        }
    }

    @Test
    void whenTheLoadRisesTheHostWePoweredOffIsPoweredOnThenFilledAndNeverOneWeDidNot(TestDatabase db) throws Exception {
        try (ControlledPool pool = pool(db)) {
            pool.collect(3);
            pool.control(DENSITY);
            assertThat(powerActions(pool)).containsExactly("Host3 power_off done");
            // An administrator shuts Host4 down by hand: xcp-balancer must not wake it.
            setPowerOnMode(pool, "wake-on-lan", "Host4");
            try (XapiSession admin = XapiSession.open(pool.xapi)) {
                String host4 = pool.simulator.model().hostByName("Host4").uuid();
                admin.call("host.shutdown", c -> {
                    Host host = Host.getByUuid(c, host4);
                    host.shutdown(c);
                    return null;
                });
            }
            for (String vm : List.of("web1", "web2", "db1", "db2")) {
                pool.simulator.admin().setVmCpu(vm, 0.9);
            }
            pool.collect(3);
            pool.clearOutput();

            ControlService.RunResult wake = pool.control(DENSITY);

            assertThat(powerActions(pool)).containsExactly("Host3 power_off done", "Host3 power_on started");
            assertThat(pool.output()).contains("Power: power on Host3.").doesNotContain("Balanced: no migration needed");
            assertThat(wake.exitCode()).isEqualTo(ExitCode.OK);
            assertThat(maintenance(pool, "Host3").active()).as("not a destination while it boots").isTrue();
            assertThat(pool.output()).contains("POWER_ON: Host3 (idle 180 W) is powered on: the headroom is gone:",
                    "POWER_ON: Host3: host.power_on sent");
            assertThat(power(pool, "Host4")).isEqualTo(HostPower.OFF);

            // It boots (40 s of pool time); a later run sees it live and enabled, then balancing fills it.
            // Waited for in the pool rather than slept for: a loaded machine may run the boot's end late.
            for (int i = 0; i < 600 && !(power(pool, "Host3") == HostPower.RUNNING
                    && pool.simulator.model().hostByName("Host3").live()); i++) {
                Thread.sleep(100);
            }
            assertThat(power(pool, "Host3")).as("Host3 booted").isEqualTo(HostPower.RUNNING);
            pool.rule(RuleSubject.CpuAverage, 10);
            pool.collect(3);
            pool.clearOutput();
            pool.control(DENSITY);
            assertThat(pool.output()).contains("POWER_ON: Host3 is powered on: live and enabled");
            assertThat(powerActions(pool)).containsExactly("Host3 power_off done", "Host3 power_on done");
            assertThat(maintenance(pool, "Host3").state()).isEqualTo(HostMaintenance.State.ENDED);
            assertThat(maintenance(pool, "Host3").status()).hasValue("powered on by density");
            pool.collect(3);
            pool.control(DENSITY);
            assertThat(pool.migrations()).anySatisfy(m -> assertThat(m.destinationHostName()).isEqualTo("Host3"));
            assertThat(power(pool, "Host4")).isEqualTo(HostPower.OFF);
        }
    }

    @Test
    void aHostAnAdministratorPowersOnAndEnablesByHandLeavesDensityMaintenance(TestDatabase db) throws Exception {
        try (ControlledPool pool = pool(db)) {
            pool.collect(3);
            pool.control(DENSITY);
            assertThat(maintenance(pool, "Host3").active()).isTrue();
            String host3 = pool.simulator.model().hostByName("Host3").uuid();
            try (XapiSession admin = XapiSession.open(pool.xapi)) {
                for (int i = 0; i < 100 && power(pool, "Host3") != HostPower.OFF; i++) {
                    Thread.sleep(100);
                }
                admin.call("host.power_on", c -> {
                    Host.getByUuid(c, host3).powerOn(c);
                    return null;
                });
                for (int i = 0; i < 100 && power(pool, "Host3") != HostPower.RUNNING; i++) {
                    Thread.sleep(100);
                }
                admin.call("host.enable", c -> {
                    Host.getByUuid(c, host3).enable(c);
                    return null;
                });
            }
            pool.clearOutput();

            pool.control(DENSITY);

            assertThat(maintenance(pool, "Host3").state()).isEqualTo(HostMaintenance.State.ENDED);
            assertThat(maintenance(pool, "Host3").status()).hasValue("powered on and enabled outside xcp-balancer");
            assertThat(pool.output()).contains("Host3 is live and enabled again outside xcp-balancer");
        }
    }

    @Test
    void aDryRunOnAnHaPoolKeepsOnTheHostTheFailoverPlanNeedsAndSaysWhyAsXapiWould(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.parse(HA_SPARE, "spare"), db)) {
            setPowerOnMode(pool, "wake-on-lan", "Host2", "Host3", "Host4", "Host5");
            pool.collect(3);

            ControlService.RunResult dry = pool.service(DENSITY).runOnce(Optional.empty(), true);

            assertThat(dry.plan().powerActions()).isEmpty();
            assertThat(dry.plan().moves()).isEmpty();
            assertThat(pool.output()).contains("SKIP: Host5 is not powered off: with it disabled and powered off,"
                    + " XAPI's HA could not restart the protected VMs of Host1 if it failed"
                    + " (ha_host_failures_to_tolerate 1), so XAPI would refuse host.disable"
                    + " (HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN)");
            // The simulator's XAPI (xapi's assert_host_disable_preserves_ha_plan) agrees: Host5 may not be disabled.
            String host5 = pool.simulator.model().hostByName("Host5").uuid();
            try (XapiSession admin = XapiSession.open(pool.xapi)) {
                assertThatThrownBy(() -> admin.call("host.disable", c -> {
                    Host.getByUuid(c, host5).disable(c);
                    return null;
                })).isInstanceOf(Types.HaOperationWouldBreakFailoverPlan.class);
            }
            assertThat(pool.simulator.model().hostByName("Host5").enabled()).isTrue();
            assertThat(powerActions(pool)).isEmpty();
        }
    }

    @Test
    void aDryRunShowsThePowerActionsAndChangesNothing(TestDatabase db) throws Exception {
        try (ControlledPool pool = pool(db)) {
            pool.collect(3);

            ControlService.RunResult dry = pool.service(DENSITY).runOnce(Optional.empty(), true);

            assertThat(dry.plan().powerActions()).extracting(a -> a.summary()).containsExactly("power off Host3");
            assertThat(pool.output()).contains("Power actions after the migrations:", "power off Host3",
                    "POWER_OFF: Host3 (idle 180 W) is powered off once empty");
            assertThat(pool.migrations()).isEmpty();
            assertThat(powerActions(pool)).isEmpty();
            assertThat(power(pool, "Host3")).isEqualTo(HostPower.RUNNING);
            assertThat(pool.simulator.model().hostByName("Host3").enabled()).isTrue();
        }
    }
}
