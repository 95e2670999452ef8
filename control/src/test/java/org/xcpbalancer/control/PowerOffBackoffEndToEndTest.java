package org.xcpbalancer.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.CONTROLDECISION;
import static org.xcpbalancer.core.db.generated.Tables.HOSTPOWERACTION;

import com.xensource.xenapi.Host;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.control.plan.StrategyChain;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.simulator.model.HostPower;
import org.xcpbalancer.simulator.scenario.PowerState;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;
import org.xcpbalancer.xapi.XapiSession;

/**
 * A host that holds only a Paused VM looks empty to density (the collector places a Paused VM on no host), but
 * XAPI still shows the guest, so its power-off fails. The next runs must not plan it again every minute: the
 * host is skipped, with the failure named, until density.powerOffRetryAfter has passed.
 */
@ExtendWith(MariaDbExtension.class)
class PowerOffBackoffEndToEndTest {
    /** Host2 draws the most at idle and holds only "stuck"; Host3 cannot be woken (no power_on_mode). */
    private static final String POOL = """
            {"pool": "Night", "options": {"hostBootSeconds": 40, "hostShutdownSeconds": 10},
             "hosts": [{"name": "Host1", "cpus": 8, "memoryMb": 16384, "master": true},
                       {"name": "Host2", "cpus": 8, "memoryMb": 16384},
                       {"name": "Host3", "cpus": 8, "memoryMb": 16384}],
             "vms": [{"name": "web1", "host": "Host1", "vcpus": 2, "memoryMb": 2048, "cpu": 0.05},
                     {"name": "stuck", "host": "Host2", "vcpus": 1, "memoryMb": 1024, "cpu": 0.05},
                     {"name": "db1", "host": "Host3", "vcpus": 2, "memoryMb": 2048, "cpu": 0.05}]}
            """;
    private static final StrategyChain DENSITY = TestSettings.chain(
            "control.strategies=constraint-repair,rule-deviation,density", "control.mode=density",
            "control.hostCooldown=0s", "density.hostWatts=Host1=120/320, Host2=200/400, Host3=120/320");

    @Test
    void aFailedPowerOffIsNotPlannedAgainOnTheNextRunAndTheSkipNamesTheFailure(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.parse(POOL, "night"), db)) {
            setPowerOnMode(pool, "Host1", "Host2");
            pool.simulator.admin().pauseVm("stuck");
            pool.collect(3);

            ControlService.RunResult first = pool.control(DENSITY);

            assertThat(first.exitCode()).isEqualTo(ExitCode.MIGRATION_FAILED);
            assertThat(powerActions(pool)).containsExactly("Host2 power_off failed");
            assertThat(pool.output()).contains("Host2 is not powered off: XAPI shows stuck (Paused)");
            assertThat(pool.simulator.model().hostByName("Host2").power()).isEqualTo(HostPower.RUNNING);

            pool.clearOutput();
            pool.collect(1);
            ControlService.RunResult second = pool.control(DENSITY);

            assertThat(second.exitCode()).isEqualTo(ExitCode.OK);
            assertThat(second.plan().powerActions()).isEmpty();
            assertThat(powerActions(pool)).as("not tried again").containsExactly("Host2 power_off failed");
            String host2 = pool.simulator.model().hostByName("Host2").uuid();
            assertThat(db.database().dsl().select(CONTROLDECISION.Reason).from(CONTROLDECISION)
                    .where(CONTROLDECISION.HostUuid.eq(host2), CONTROLDECISION.Action.eq("SKIP")).fetch(r -> r.value1()))
                    .singleElement().asString().matches("Host2 is not powered off: its power-off failed at \\S+Z"
                            + " \\(XAPI shows stuck \\(Paused\\) on it [^)]*\\); not tried again before"
                            + " density.powerOffRetryAfter 1h has passed");
            assertThat(pool.output()).contains("SKIP: Host2 is not powered off: its power-off failed at");
            assertThat(pool.simulator.model().vmByName("stuck").powerState()).isEqualTo(PowerState.PAUSED);
        }
    }

    private static void setPowerOnMode(ControlledPool pool, String... hosts) throws Exception {
        try (XapiSession admin = XapiSession.open(pool.xapi)) {
            for (String name : hosts) {
                String uuid = pool.simulator.model().hostByName(name).uuid();
                admin.call("host.set_power_on_mode", c -> {
                    Host.getByUuid(c, uuid).setPowerOnMode(c, "wake-on-lan", Map.of());
                    return null;
                });
            }
        }
    }

    private static List<String> powerActions(ControlledPool pool) {
        return pool.database.dsl().select(HOSTPOWERACTION.HostName, HOSTPOWERACTION.Action, HOSTPOWERACTION.State)
                .from(HOSTPOWERACTION).orderBy(HOSTPOWERACTION.Id)
                .fetch(r -> r.value1() + " " + r.value2() + " " + r.value3());
    }
}
