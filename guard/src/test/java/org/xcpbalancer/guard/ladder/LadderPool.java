package org.xcpbalancer.guard.ladder;

import static org.xcpbalancer.core.db.generated.Tables.GUARDACTION;
import static org.xcpbalancer.core.db.generated.Tables.GUARDVM;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Message;
import com.xensource.xenapi.Session;
import com.xensource.xenapi.VM;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.generated.tables.records.GuardActionRecord;
import org.xcpbalancer.core.db.generated.tables.records.GuardVmRecord;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.xapi.XapiSession;
import org.xcpbalancer.guard.GuardService;
import org.xcpbalancer.guard.GuardSettings;
import org.xcpbalancer.guard.GuardStages;
import org.xcpbalancer.guard.act.ActionFence;
import org.xcpbalancer.guard.act.SdkGuardXapi;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.model.ManualClock;
import org.xcpbalancer.simulator.model.SimClock;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Three hosts and a protected VM "web" (2 GiB, on B) guarded by xcp-guard's service in the test's JVM, on a pool
 * clock the test moves ({@link #advance}): the guard reads the same clock, so "200 s later" and "an hour of
 * health" take no real time. A real MariaDB; XAPI is read with the SDK, as an administrator would with xe.
 */
final class LadderPool implements AutoCloseable {
    static final String POOL = """
            {"pool": "Laddered",
             "hosts": [{"name": "A", "cpus": 8, "memoryMb": 8192, "master": true},
                       {"name": "B", "cpus": 8, "memoryMb": 8192},
                       {"name": "C", "cpus": 8, "memoryMb": 8192}],
             "vms": [{"name": "web", "host": "B", "vcpus": 1, "memoryMb": 2048, "haRestartPriority": "restart"},
                     {"name": "a1", "host": "A", "vcpus": 1, "memoryMb": 1024},
                     {"name": "c1", "host": "C", "vcpus": 1, "memoryMb": 3072}]}
            """;

    final ManualClock poolClock = SimClock.manual(Instant.parse("2026-12-01T10:00:00Z"));
    final RunningSimulator simulator;
    final Database database;
    final List<String> said = Collections.synchronizedList(new ArrayList<>());
    private final XapiSettings xapi;

    LadderPool(TestDatabase testDatabase) throws Exception {
        this(testDatabase, POOL);
    }

    LadderPool(TestDatabase testDatabase, String scenarioJson) throws Exception {
        this.database = testDatabase.database();
        database.transaction(dsl -> dsl.execute("DELETE FROM GuardAction; DELETE FROM GuardVm; DELETE FROM GuardHost;"
                + " DELETE FROM GuardPool"));
        this.simulator = SimulatorServer.start(ScenarioLoader.parse(scenarioJson, "ladder test"), poolClock,
                SimulatorOptions.defaults());
        this.xapi = XapiSettings.plain(simulator.masterUrl(), "root", Secret.of("root"));
    }

    /** The defaults (heartbeat 120 s, steps 200 s apart, history cleared after 1 h), with a reinstall command. */
    static GuardSettings settings(String reinstallCommand) {
        return new GuardSettings(3, Duration.ofMillis(500), Duration.ofMinutes(2), Optional.empty(),
                Duration.ofSeconds(20), Duration.ofSeconds(120), Duration.ofSeconds(200), Duration.ofHours(1),
                Optional.ofNullable(reinstallCommand), Duration.ofSeconds(20));
    }

    GuardService guard(GuardSettings settings) {
        return new GuardService(database, () -> new SdkGuardXapi(XapiSession.open(xapi)), settings,
                GuardStages.standard(settings), ActionFence.NONE, "test", poolClock.asJavaClock(), said::add);
    }

    /** One check, as `xcp-guard` run from cron does. */
    void check(GuardService guard) {
        guard.checkOnce(Optional.empty(), false);
    }

    void advance(Duration by) {
        poolClock.advance(by);
    }

    /** "Running@B", "Halted" as XAPI records the VM. */
    String vm(String name) throws Exception {
        return withXapi(c -> {
            VM vm = VM.getByNameLabel(c, name).iterator().next();
            VM.Record r = vm.getRecord(c);
            String host = r.residentOn == null || r.residentOn.toWireString().equals("OpaqueRef:NULL") ? ""
                    : "@" + r.residentOn.getNameLabel(c);
            return r.powerState + host;
        });
    }

    /** How many messages of that name XAPI holds for the VM (VM_STARTED, VM_REBOOTED, VM_SHUTDOWN, VM_PAUSED). */
    long messages(String vmName, String messageName) throws Exception {
        return withXapi(c -> {
            String uuid = VM.getByNameLabel(c, vmName).iterator().next().getUuid(c);
            return Message.getAllRecords(c).values().stream()
                    .filter(m -> messageName.equals(m.name) && uuid.equals(m.objUuid)).count();
        });
    }

    /** What an administrator does with xe vm-shutdown / vm-start. */
    void cleanShutdown(String vmName) throws Exception {
        withXapi(c -> {
            VM.getByNameLabel(c, vmName).iterator().next().cleanShutdown(c);
            return null;
        });
    }

    /** What an administrator does with xe vm-pause / vm-unpause (XAPI writes VM_PAUSED / VM_UNPAUSED). */
    void pause(String vmName) throws Exception {
        withXapi(c -> {
            VM.getByNameLabel(c, vmName).iterator().next().pause(c);
            return null;
        });
    }

    void unpause(String vmName) throws Exception {
        withXapi(c -> {
            VM.getByNameLabel(c, vmName).iterator().next().unpause(c);
            return null;
        });
    }

    void start(String vmName) throws Exception {
        withXapi(c -> {
            VM.getByNameLabel(c, vmName).iterator().next().start(c, false, false);
            return null;
        });
    }

    GuardVmRecord row(String vmName) {
        return database.dsl().selectFrom(GUARDVM).where(GUARDVM.VmName.eq(vmName)).fetchOne();
    }

    /** The VM's GuardAction rows, oldest first, as "action outcome". */
    List<String> actions(String vmName) {
        return database.dsl().selectFrom(GUARDACTION).where(GUARDACTION.VmName.eq(vmName)).orderBy(GUARDACTION.Id)
                .fetch(r -> r.getAction() + " " + r.getOutcome());
    }

    GuardActionRecord lastAction(String vmName, String action) {
        return database.dsl().selectFrom(GUARDACTION).where(GUARDACTION.VmName.eq(vmName))
                .and(GUARDACTION.Action.eq(action)).orderBy(GUARDACTION.Id.desc()).limit(1).fetchOne();
    }

    private interface XapiWork<T> {
        T run(Connection c) throws Exception;
    }

    private <T> T withXapi(XapiWork<T> work) throws Exception {
        Connection c = new Connection(new URL(simulator.masterUrl().toString()));
        Session.loginWithPassword(c, "root", "root", "2.15", "ladder test");
        try {
            return work.run(c);
        } finally {
            Session.logout(c);
        }
    }

    @Override
    public void close() {
        simulator.close();
    }
}
