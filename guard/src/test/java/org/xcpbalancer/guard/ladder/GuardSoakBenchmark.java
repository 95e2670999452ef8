package org.xcpbalancer.guard.ladder;

import static org.xcpbalancer.core.db.generated.Tables.GUARDACTION;
import static org.xcpbalancer.core.db.generated.Tables.GUARDVM;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Session;
import com.xensource.xenapi.VM;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.jooq.Record3;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.XapiSettings;
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
import org.xcpbalancer.testkit.EmbeddedMariaDb;
import org.xcpbalancer.xapi.XapiSession;

/**
 * The soak of issue 15 (docs/benchmarks/guard.md, "Soak"): random faults — host deaths, hosts cut off from the
 * master, VM crashes, hangs, administrators' shutdowns, and revivals — on a 4-host pool with protected and
 * unprotected VMs, xcp-guard checking every 10 s of pool time with the defaults and a fence command on the
 * simulator's fence endpoint. The pool clock is the soak's (it moves 10 s per check), so hours of pool time take
 * minutes. After every check {@link SoakLedger} looks at the simulator's true state. At the end every host is
 * revived, the administrators start their VMs and an operator fixes the VMs the guard gave up on; an hour later
 * every protected VM must run. Prints the count of each fault and of each outcome the guard recorded, and the
 * invariants. Not a test: surefire skips *Benchmark.
 *
 * <p>Arguments: [faults (200)] [seed (15)].
 */
public final class GuardSoakBenchmark {
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final List<String> SLAVES = List.of("B", "C", "D");
    private static final String POOL = """
            {"pool": "Soak",
             "hosts": [{"name": "A", "cpus": 16, "memoryMb": 16384, "master": true},
                       {"name": "B", "cpus": 16, "memoryMb": 16384},
                       {"name": "C", "cpus": 16, "memoryMb": 16384},
                       {"name": "D", "cpus": 16, "memoryMb": 16384}],
             "vms": [{"name": "p1", "host": "A", "vcpus": 1, "memoryMb": 2048, "haRestartPriority": "restart", "order": 1},
                     {"name": "p2", "host": "B", "vcpus": 1, "memoryMb": 2048, "haRestartPriority": "restart", "order": 1},
                     {"name": "p3", "host": "B", "vcpus": 1, "memoryMb": 3072, "haRestartPriority": "restart", "order": 2},
                     {"name": "p4", "host": "C", "vcpus": 1, "memoryMb": 2048, "haRestartPriority": "restart", "order": 2},
                     {"name": "p5", "host": "C", "vcpus": 1, "memoryMb": 1024, "tags": ["xcp-balancer:guard=restart"]},
                     {"name": "p6", "host": "D", "vcpus": 1, "memoryMb": 2048, "haRestartPriority": "restart", "order": 3},
                     {"name": "p7", "host": "D", "vcpus": 1, "memoryMb": 1024, "haRestartPriority": "restart", "order": 3},
                     {"name": "be1", "host": "B", "vcpus": 1, "memoryMb": 1024, "haRestartPriority": "best-effort"},
                     {"name": "be2", "host": "D", "vcpus": 1, "memoryMb": 1024, "haRestartPriority": "best-effort"},
                     {"name": "u1", "host": "A", "vcpus": 1, "memoryMb": 1024},
                     {"name": "u2", "host": "C", "vcpus": 1, "memoryMb": 1024}]}
            """;

    private final Random random;
    private final ManualClock clock = SimClock.manual(Instant.parse("2026-12-01T00:00:00Z"));
    private final RunningSimulator simulator;
    private final Database database;
    private final GuardService guard;
    private final SoakLedger ledger = new SoakLedger();
    /** The slave that is dead, fenced or cut off now (one at a time, so the others have room), and how. */
    private String downHost;
    private boolean downIsPartition;
    private final Set<String> adminShutDown = new HashSet<>();

    private GuardSoakBenchmark(Database database, long seed) throws Exception {
        this.random = new Random(seed);
        this.database = database;
        this.simulator = SimulatorServer.start(ScenarioLoader.parse(POOL, "soak"), clock, SimulatorOptions.defaults());
        XapiSettings xapi = XapiSettings.plain(simulator.masterUrl(), "root", Secret.of("root"));
        GuardSettings settings = new GuardSettings(3, Duration.ofMillis(500), Duration.ofMinutes(2),
                Optional.of(fenceCommand(simulator.port())), Duration.ofSeconds(20), Duration.ofSeconds(120),
                Duration.ofSeconds(200), Duration.ofHours(1), Optional.empty(), Duration.ofSeconds(20));
        this.guard = new GuardService(database, () -> new SdkGuardXapi(XapiSession.open(xapi)), settings,
                GuardStages.standard(settings), ActionFence.NONE, "soak", clock.asJavaClock(), line -> { });
    }

    public static void main(String[] args) throws Exception {
        int faults = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 15;
        Path work = Files.createTempDirectory("xcp-guard-soak");
        long started = System.nanoTime();
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(work.resolve("db"), 0, true)) {
            server.createDatabase("soak");
            try (Database database = Database.open(server.settings("soak"))) {
                GuardSoakBenchmark soak = new GuardSoakBenchmark(database, seed);
                try {
                    soak.run(faults);
                    soak.print(faults, seed, Duration.ofNanos(System.nanoTime() - started));
                } finally {
                    soak.guard.close();
                    soak.simulator.close();
                }
            }
        }
        System.exit(0);
    }

    private void run(int faults) throws Exception {
        checks(3);
        for (int i = 0; i < faults; i++) {
            injectOne();
            // 4 to 10 minutes of pool time between faults: a VM is hit about every 80 minutes, so most faults find
            // a VM whose hour of history is over, and some a VM that keeps failing (given up, as the ladder must)
            checks(24 + random.nextInt(37));
        }
        // the end: everything revived, the administrators start their VMs, an hour of pool time to settle
        if (downHost != null) {
            revive();
        }
        for (String vm : List.copyOf(adminShutDown)) {
            xapi(c -> VM.getByNameLabel(c, vm).iterator().next().start(c, false, false));
            adminShutDown.remove(vm);
        }
        while (!givenUpAndDown().isEmpty()) {
            revive();
        }
        checks(360);
    }

    /** Protected VMs not running with a live guest agent at the end (all were revived an hour before). */
    @SuppressWarnings("unchecked")
    private List<String> downAtTheEnd() {
        return ((List<Map<String, Object>>) simulator.admin().state().get("vms")).stream()
                .filter(SoakLedger::isProtected)
                .filter(v -> !"Running".equals(v.get("powerState")) || !Boolean.TRUE.equals(v.get("heartbeating")))
                .map(v -> (String) v.get("name")).toList();
    }

    private void injectOne() throws Exception {
        int pick = random.nextInt(13);
        if (pick < 2 && downHost == null) {
            downHost = SLAVES.get(random.nextInt(SLAVES.size()));
            downIsPartition = false;
            residents(downHost).forEach(vm -> ledger.hit(vm, "host death", clock.now()));
            simulator.admin().killHost(downHost);
            ledger.fault("host death");
        } else if (pick < 3 && downHost == null) {
            downHost = SLAVES.get(random.nextInt(SLAVES.size()));
            downIsPartition = true;
            ledger.partitioned(downHost, residents(downHost));
            simulator.admin().partitionHost(downHost, true);
            ledger.fault("host cut off from the master");
        } else if (pick < 5 && (downHost != null || !adminShutDown.isEmpty() || !givenUpAndDown().isEmpty())) {
            revive();
        } else if (pick < 6) {
            Optional<String> vm = runningGuest(true);
            if (vm.isPresent()) {
                xapi(c -> VM.getByNameLabel(c, vm.get()).iterator().next().cleanShutdown(c));
                adminShutDown.add(vm.get());
                ledger.fault("administrator's shutdown");
            }
        } else if (pick < 10) {
            Optional<String> vm = runningGuest(false);
            if (vm.isPresent()) {
                ledger.hit(vm.get(), "VM crash", clock.now());
                simulator.admin().crashVm(vm.get());
                ledger.fault("VM crash");
            }
        } else {
            Optional<String> vm = runningGuest(false);
            if (vm.isPresent()) {
                ledger.hit(vm.get(), "VM hang", clock.now());
                simulator.admin().hangVm(vm.get());
                ledger.fault("VM hang");
            }
        }
    }

    /** Brings back the host that is down (or heals its partition), else an administrator's VM, else a given-up one. */
    private void revive() throws Exception {
        if (downHost != null) {
            if (downIsPartition) {
                simulator.admin().partitionHost(downHost, false);
                ledger.healed(downHost);
                ledger.fault("revival: partition healed");
            } else {
                simulator.admin().reviveHost(downHost);
                ledger.fault("revival: host back");
            }
            downHost = null;
        } else if (!adminShutDown.isEmpty()) {
            String vm = adminShutDown.iterator().next();
            xapi(c -> VM.getByNameLabel(c, vm).iterator().next().start(c, false, false));
            adminShutDown.remove(vm);
            ledger.fault("revival: administrator starts a VM");
        } else {
            // the operator's fix of a VM the guard gave up on: start it, or hard-reboot it if it hangs
            String vm = givenUpAndDown().iterator().next();
            boolean halted = "Halted".equals(vmState(vm).get("powerState"));
            xapi(c -> {
                VM v = VM.getByNameLabel(c, vm).iterator().next();
                if (halted) {
                    v.start(c, false, false);
                } else {
                    v.hardReboot(c);
                }
            });
            ledger.fault("revival: operator fixes a VM given up");
        }
    }

    private void checks(int count) {
        for (int i = 0; i < count; i++) {
            clock.advance(INTERVAL);
            guard.checkOnce(Optional.empty(), false);
            Set<String> excused = new HashSet<>(adminShutDown);
            excused.addAll(givenUp());
            Map<String, Object> state = simulator.admin().state();
            ledger.check(state, excused, clock.now());
            ledger.checkLeftOff(state, adminShutDown);
        }
    }

    private Set<String> givenUp() {
        return new HashSet<>(database.dsl().select(GUARDVM.VmName).from(GUARDVM)
                .where(GUARDVM.LadderStep.eq("give_up")).fetch(GUARDVM.VmName));
    }

    /** Given up by the guard and still Halted or hung (not on the host that is down). */
    private Set<String> givenUpAndDown() {
        Set<String> down = new HashSet<>();
        for (String vm : givenUp()) {
            Map<String, Object> state = vmState(vm);
            boolean up = "Running".equals(state.get("powerState")) && Boolean.TRUE.equals(state.get("heartbeating"));
            if (!up && (state.get("host") == null || !state.get("host").equals(downHost))) {
                down.add(vm);
            }
        }
        return down;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> vmState(String name) {
        return ((List<Map<String, Object>>) simulator.admin().state().get("vms")).stream()
                .filter(v -> name.equals(v.get("name"))).findFirst().orElseThrow();
    }

    /** A guest running (and heartbeating) on a host that is up and reachable; protected ones only if asked. */
    @SuppressWarnings("unchecked")
    private Optional<String> runningGuest(boolean protectedOnly) {
        List<String> candidates = new ArrayList<>();
        for (Map<String, Object> vm : (List<Map<String, Object>>) simulator.admin().state().get("vms")) {
            boolean onUpHost = vm.get("host") != null && !vm.get("host").equals(downHost);
            if ("Running".equals(vm.get("powerState")) && Boolean.TRUE.equals(vm.get("heartbeating")) && onUpHost
                    && (!protectedOnly || SoakLedger.isProtected(vm))) {
                candidates.add((String) vm.get("name"));
            }
        }
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(random.nextInt(candidates.size())));
    }

    @SuppressWarnings("unchecked")
    private Set<String> residents(String host) {
        Set<String> names = new HashSet<>();
        for (Map<String, Object> vm : (List<Map<String, Object>>) simulator.admin().state().get("vms")) {
            if (host.equals(vm.get("host")) && "Running".equals(vm.get("powerState"))) {
                names.add((String) vm.get("name"));
            }
        }
        return names;
    }

    private void print(int faults, long seed, Duration took) {
        System.out.printf(Locale.ROOT, "Soak: %d faults, seed %d, %s of pool time in %d s%n%n", faults, seed,
                Duration.between(Instant.parse("2026-12-01T00:00:00Z"), clock.now()).toString().substring(2)
                        .toLowerCase(Locale.ROOT), took.toSeconds());
        System.out.println("| fault | count | longest outage of a protected VM (s) |");
        System.out.println("|-------|------:|------:|");
        ledger.faults.forEach((kind, n) -> System.out.printf(Locale.ROOT, "| %s | %d | %s |%n", kind, n,
                Optional.ofNullable(ledger.longestOutage().get(kind)).map(d -> Long.toString(d.toSeconds()))
                        .orElse("-")));
        System.out.println();
        System.out.println("| guard action | outcome | count |");
        System.out.println("|--------------|---------|------:|");
        for (Record3<String, String, Integer> r : database.dsl().select(GUARDACTION.Action, GUARDACTION.Outcome,
                org.jooq.impl.DSL.count()).from(GUARDACTION).groupBy(GUARDACTION.Action, GUARDACTION.Outcome)
                .orderBy(GUARDACTION.Action, GUARDACTION.Outcome).fetch()) {
            System.out.printf(Locale.ROOT, "| %s | %s | %d |%n", r.value1(), r.value2(), r.value3());
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "VMs running twice: %d %s%n", ledger.ranTwice.size(), ledger.ranTwice);
        System.out.printf(Locale.ROOT, "protected VMs left down > %d s while a host had room: %d %s%n",
                SoakLedger.DOWN_LIMIT.toSeconds(), ledger.leftDown.size(), ledger.leftDown);
        for (String down : ledger.leftDown) {
            String vm = down.substring(0, down.indexOf(' '));
            System.out.printf(Locale.ROOT, "%s: hit by %s; its guard actions:%n", vm, ledger.history(vm));
            database.dsl().selectFrom(GUARDACTION).where(GUARDACTION.VmName.eq(vm)).orderBy(GUARDACTION.Id)
                    .forEach(r -> System.out.printf(Locale.ROOT, "  %s %s %s: %s%n", r.getAt(), r.getAction(),
                            r.getOutcome(), r.getReason()));
        }
        for (String left : ledger.leftDown) {
            String vm = left.substring(0, left.indexOf(' '));
            System.out.printf(Locale.ROOT, "%s: hit by %s; its guard actions:%n", vm, ledger.history(vm));
            database.dsl().selectFrom(GUARDACTION).where(GUARDACTION.VmName.eq(vm)).orderBy(GUARDACTION.Id)
                    .forEach(r -> System.out.printf(Locale.ROOT, "  %s %s %s: %s%n", r.getAt(), r.getAction(),
                            r.getOutcome(), r.getReason()));
        }
        System.out.printf(Locale.ROOT, "VMs shut down by their administrator and started by the guard: %d %s%n",
                ledger.restartedAgainstAdmin.size(), ledger.restartedAgainstAdmin);
        database.dsl().selectFrom(GUARDACTION).where(GUARDACTION.Action.eq("admin_shutdown")).orderBy(GUARDACTION.Id)
                .forEach(r -> System.out.printf(Locale.ROOT, "  %s %s: %s%n", r.getAt(), r.getVmName(), r.getReason()));
        System.out.printf(Locale.ROOT, "protected VMs down at the end, an hour after the last revival: %s%n",
                downAtTheEnd());
    }

    /** The simulator's fence endpoint through bash's /dev/tcp: exit 0 on HTTP 200. */
    private static String fenceCommand(int port) {
        return "bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + port + "; printf \"POST /sim/hosts/$1/fence"
                + " HTTP/1.0\\r\\nContent-Length: 0\\r\\n\\r\\n\" >&3; read -r line <&3; echo \"$line\";"
                + " [[ $line == *\" 200 \"* ]]' fence {host}";
    }

    private interface XapiWork {
        void run(Connection c) throws Exception;
    }

    private void xapi(XapiWork work) throws Exception {
        Connection c = new Connection(new URL(simulator.masterUrl().toString()));
        Session.loginWithPassword(c, "root", "root", "2.15", "soak");
        try {
            work.run(c);
        } finally {
            Session.logout(c);
        }
    }
}
