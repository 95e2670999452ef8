package org.xcpbalancer.guard;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Message;
import com.xensource.xenapi.Session;
import com.xensource.xenapi.VM;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.guard.act.ActionFence;
import org.xcpbalancer.guard.act.SdkGuardXapi;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.scenario.Scenario;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.TestDatabase;
import org.xcpbalancer.xapi.XapiSession;

/**
 * A simulated pool guarded by xcp-guard's service in the test's JVM: the XAPI simulator (pool time ×20), a real
 * MariaDB, the SDK. What the guard says is kept in {@link #said}; what XAPI says is read with the SDK, as an
 * administrator would read it with xe.
 */
final class GuardedPool implements AutoCloseable {
    static final double SPEED = 20;

    final RunningSimulator simulator;
    final Database database;
    final XapiSettings xapi;
    final List<String> said = Collections.synchronizedList(new ArrayList<>());

    GuardedPool(String scenarioJson, TestDatabase testDatabase) throws Exception {
        this.database = testDatabase.database();
        wipe(database);
        Scenario scenario = ScenarioLoader.parse(scenarioJson, "test");
        this.simulator = SimulatorServer.start(scenario, SimulatorOptions.defaults().withSpeed(SPEED));
        // a short reply timeout: a master that stops answering is noticed in seconds
        this.xapi = new XapiSettings(simulator.masterUrl(), "root", Secret.of("root"), Optional.empty(), Secret.EMPTY,
                Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    static void wipe(Database database) {
        database.transaction(dsl -> dsl.execute("DELETE FROM GuardAction; DELETE FROM GuardVm; DELETE FROM GuardHost;"
                + " DELETE FROM GuardPool; DELETE FROM HostMaintenance; DELETE FROM Pool"));
    }

    /** Settings as the defaults, with the given dead-check count and fence command (null: none). */
    static GuardSettings settings(int deadChecks, String fenceCommand) {
        return new GuardSettings(deadChecks, Duration.ofMillis(500), Duration.ofMinutes(2),
                Optional.ofNullable(fenceCommand), Duration.ofSeconds(20), Duration.ofSeconds(120),
                Duration.ofSeconds(200), Duration.ofHours(1), Optional.empty(), Duration.ofSeconds(60));
    }

    /** A fence command that powers the host off through the simulator's fence endpoint (exit 0 on HTTP 200). */
    String simulatorFenceCommand() {
        return fenceCommand(simulator.port());
    }

    static String fenceCommand(int simulatorPort) {
        return "bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + simulatorPort + "; printf \"POST /sim/hosts/$1/fence"
                + " HTTP/1.0\\r\\nContent-Length: 0\\r\\n\\r\\n\" >&3; read -r line <&3; echo \"$line\";"
                + " [[ $line == *\" 200 \"* ]]' fence {host}";
    }

    GuardService service(GuardSettings settings) {
        return new GuardService(database, () -> new SdkGuardXapi(XapiSession.open(xapi)), settings,
                GuardStages.standard(settings), ActionFence.NONE, "test", Clock.systemUTC(), said::add);
    }

    /** VM name -> "PowerState@host name" as XAPI records it. */
    Map<String, String> vms() throws Exception {
        Connection c = login();
        try {
            Map<String, String> byName = new HashMap<>();
            Map<String, String> hostNames = new HashMap<>();
            com.xensource.xenapi.Host.getAllRecords(c).forEach((ref, h) -> hostNames.put(ref.toWireString(), h.nameLabel));
            VM.getAllRecords(c).forEach((ref, v) -> {
                if (!v.isATemplate && !v.isASnapshot && !v.isControlDomain) {
                    String host = hostNames.get(v.residentOn == null ? "" : v.residentOn.toWireString());
                    byName.put(v.nameLabel, v.powerState + (host == null ? "" : "@" + host));
                }
            });
            return byName;
        } finally {
            Session.logout(c);
        }
    }

    /** VM_STARTED messages in time order: the names of the VMs started. */
    List<String> startedVms() throws Exception {
        Connection c = login();
        try {
            Map<String, String> nameByUuid = new HashMap<>();
            VM.getAllRecords(c).forEach((ref, v) -> nameByUuid.put(v.uuid, v.nameLabel));
            return Message.getAllRecords(c).values().stream().filter(m -> "VM_STARTED".equals(m.name))
                    .sorted(Comparator.comparing((Message.Record m) -> m.timestamp))
                    .map(m -> nameByUuid.get(m.objUuid)).toList();
        } finally {
            Session.logout(c);
        }
    }

    /** What an administrator's xe vm-shutdown --force does. */
    void hardShutdown(String vmName) throws Exception {
        Connection c = login();
        try {
            VM.getByNameLabel(c, vmName).iterator().next().hardShutdown(c);
        } finally {
            Session.logout(c);
        }
    }

    private Connection login() throws Exception {
        Connection c = new Connection(new URL(simulator.masterUrl().toString()));
        Session.loginWithPassword(c, "root", "root", "2.15", "guard test");
        return c;
    }

    @Override
    public void close() {
        simulator.close();
    }
}
