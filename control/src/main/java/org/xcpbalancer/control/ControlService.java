package org.xcpbalancer.control;

import java.io.PrintStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.xcpbalancer.control.execute.LaunchFence;
import org.xcpbalancer.control.execute.LeasedHostGateway;
import org.xcpbalancer.control.execute.MigrationExecutor;
import org.xcpbalancer.control.execute.MigrationGateway;
import org.xcpbalancer.control.execute.ProgressReporter;
import org.xcpbalancer.control.log.ControlRunLog.Outcome;
import org.xcpbalancer.control.maintenance.MaintenanceStep;
import org.xcpbalancer.control.log.ControlRunLog;
import org.xcpbalancer.control.log.MigrationEntry;
import org.xcpbalancer.control.log.MigrationLog;
import org.xcpbalancer.control.log.MigrationState;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.control.plan.Eligibility;
import org.xcpbalancer.control.plan.MigrationPlan;
import org.xcpbalancer.control.plan.PoolSnapshot;
import org.xcpbalancer.control.plan.StrategyChain;
import org.xcpbalancer.control.power.PowerExecutor;
import org.xcpbalancer.control.power.PowerStep;
import org.xcpbalancer.control.snapshot.SnapshotLoader;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.PoolLock;
import org.xcpbalancer.core.log.LogContext;
import org.xcpbalancer.core.service.InterruptedRuns;
import org.xcpbalancer.core.state.HostMaintenance;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolPause;
import org.xcpbalancer.core.state.PoolPauseRepository;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.PoolStateRepository;

/**
 * One xcp-control run on one pool: take the pool's lock, follow migrations an earlier run left in flight, then
 * the control pipeline, in this order and nowhere else: load the snapshot, the eligibility gate, each enabled
 * strategy's plan, print and store every decision, execute the moves; and record the run. A dry run
 * plans and prints only: no lock, no migration row, no XAPI call that changes anything.
 */
public final class ControlService {
    private final Database database;
    private final StrategyChain strategies;
    private final MigrationExecutor.Limits limits;
    private final Supplier<MigrationGateway> gateways;
    private final PrintStream out;
    private final ProgressReporter progress;
    private final Clock clock;
    private final LaunchFence fence;
    private volatile String lastPoolName;

    /** What a run did, for the exit code and for tests. */
    public record RunResult(ExitCode exitCode, Outcome outcome, Long runId, MigrationPlan plan,
            MigrationExecutor.Report report) {
    }

    /**
     * @param gateways opens a connection to the pool when one is needed (not for a dry run on a known pool);
     *                 the service closes it at the end of the run
     */
    public ControlService(Database database, StrategyChain strategies, MigrationExecutor.Limits limits, Supplier<MigrationGateway> gateways, PrintStream out,
            ProgressReporter progress, Clock clock) {
        this(database, strategies, limits, gateways, out, progress, clock, LaunchFence.NONE);
    }

    /** As above, each launch first passing the fence (xcp-service's lease epoch check). */
    public ControlService(Database database, StrategyChain strategies, MigrationExecutor.Limits limits, Supplier<MigrationGateway> gateways, PrintStream out,
            ProgressReporter progress, Clock clock, LaunchFence fence) {
        this.fence = fence;
        this.database = database;
        this.strategies = strategies;
        this.limits = limits;
        this.gateways = gateways;
        this.out = out;
        this.progress = progress;
        this.clock = clock;
    }

    /** The pool of the latest run (for the metrics' labels), or null before the first. */
    public String lastPoolName() {
        return lastPoolName;
    }

    /** What a run does: everything, or only the hosts' maintenance (xcp-control --evacuate / --enable). */
    public enum Scope { ALL, MAINTENANCE_ONLY }

    public RunResult runOnce(Optional<String> poolName, boolean dryRun) throws InterruptedException {
        return runOnce(poolName, dryRun, Scope.ALL);
    }

    /** The pool a run would act on (--pool, the only one, or xapi.url's); a one-line error when none fits. */
    public PoolRef pool(Optional<String> poolName) {
        try (LazyGateway gateway = new LazyGateway(gateways)) {
            return resolvePool(poolName, gateway);
        }
    }

    public RunResult runOnce(Optional<String> poolName, boolean dryRun, Scope scope) throws InterruptedException {
        LazyGateway gateway = new LazyGateway(gateways);
        try {
            PoolRef pool = resolvePool(poolName, gateway);
            lastPoolName = pool.name();
            // Lines written into a log name the pool (the database may hold several).
            try (LogContext.PoolScope named = LogContext.pool(pool.name())) {
                if (dryRun) {
                    return dryRun(pool);
                }
                Optional<PoolLock> lock = PoolLock.tryAcquire(database, PoolLock.Holder.CONTROLLER, pool.uuid());
                if (lock.isEmpty()) {
                    out.println("another xcp-control is acting on pool " + pool.name() + " (it holds the pool's database lock): nothing done");
                    return new RunResult(ExitCode.OK, Outcome.BLOCKED, null, null, null);
                }
                try (PoolLock held = lock.get()) {
                    return act(pool, gateway, scope);
                }
            }
        } finally {
            gateway.close();
        }
    }

    private RunResult act(PoolRef pool, LazyGateway gateway, Scope scope) throws InterruptedException {
        ControlRunLog runs = new ControlRunLog(database);
        // registered before the run's row exists: a signal right after its insert still finds it (by owner)
        try (InterruptedRuns.Registration stoppable = InterruptedRuns.register(() -> runs.interrupted(clock.instant()))) {
            long runId = runs.start(pool.id(), false, clock.instant());
            reportAbandoned(runs.markAbandoned(clock.instant()));
            try {
                return actRecorded(pool, gateway, runs, runId, scope);
            } catch (InterruptedException | RuntimeException e) {
                try {
                    runs.finish(runId, Outcome.FAILED, "stopped: " + e.getMessage(), clock.instant());
                } catch (RuntimeException databaseGone) {
                    e.addSuppressed(databaseGone);
                }
                throw e;
            }
        }
    }

    private RunResult actRecorded(PoolRef pool, LazyGateway gateway, ControlRunLog runs, long runId, Scope scope)
            throws InterruptedException {
        MigrationLog migrations = new MigrationLog(database);
        List<MigrationExecutor.Outcome> outcomes = new ArrayList<>();
        List<MigrationEntry> inFlight = migrations.inFlight(pool.id());
        if (!inFlight.isEmpty()) {
            outcomes.addAll(executor(gateway.get(), migrations).run(pool.id(), runId, inFlight, List.of()).outcomes());
        }
        migrations.fillMeasuredEffects(pool.id());
        PowerStep power = new PowerStep(database, clock, () -> gateway.get().hosts(), fence);
        List<Decision> followed = power.follow(pool.id());
        PoolSnapshot snapshot = load(pool);
        out.println(PlanPrinter.header(snapshot));
        runs.mode(runId, strategies.calendar().modeAt(snapshot.now()).settingValue());
        Optional<Decision> frozen = frozen(snapshot);
        MaintenanceStep.Result maintenance = new MaintenanceStep(database, strategies, clock).run(snapshot,
                frozen.isPresent(), () -> new LeasedHostGateway(gateway.get().hosts(), fence, pool.id()),
                moves -> executor(gateway.get(), migrations).run(pool.id(), runId, List.of(), moves),
                decisions -> record(runs, runId, pool, decisions));
        outcomes.addAll(maintenance.outcomes());
        MigrationPlan plan = frozen.map(f -> MigrationPlan.frozen(strategies.name(), f))
                .orElseGet(() -> scope == Scope.MAINTENANCE_ONLY ? MigrationPlan.nothing(strategies.name())
                        : maintenance.launched() ? MigrationPlan.nothing(strategies.name(), Decision.of(DecisionAction.WAIT,
                                "balancing waits for the next run: this run moved VMs off hosts in maintenance"))
                        : plan(pool, snapshot));
        record(runs, runId, pool, followed);
        record(runs, runId, pool, plan.decisions());
        if (!plan.moves().isEmpty()) {
            outcomes.addAll(executor(gateway.get(), migrations).run(pool.id(), runId, List.of(), plan.moves()).outcomes());
        }
        MigrationExecutor.Report report = new MigrationExecutor.Report(outcomes);
        PowerExecutor.Result powered = power.execute(pool.id(), runId, plan.powerActions(), report);
        record(runs, runId, pool, powered.decisions());
        Outcome outcome = RunSummary.outcome(plan, report, powered);
        String summary = RunSummary.summary(plan, report, powered);
        runs.finish(runId, outcome, summary, clock.instant());
        if (!plan.blocked() && !plan.paused() && !plan.frozen()) {
            // a blocked, paused or frozen run's summary repeats its one decision, printed above
            out.println(summary);
        }
        ExitCode code = RunSummary.exitCode(plan, report, powered);
        return new RunResult(code, outcome, runId, plan, report);
    }

    /** Prints and stores decisions of the run. */
    private void record(ControlRunLog runs, long runId, PoolRef pool, List<Decision> decisions) {
        decisions.forEach(d -> out.println(d.line()));
        runs.decisions(runId, pool.id(), decisions, clock.instant());
    }

    private void reportAbandoned(List<Long> runIds) {
        if (!runIds.isEmpty()) {
            out.println("Control run(s) " + runIds + " ended without finishing (their process is gone): marked abandoned");
        }
    }

    private RunResult dryRun(PoolRef pool) {
        ControlRunLog runs = new ControlRunLog(database);
        long runId = runs.start(pool.id(), true, clock.instant());
        PoolSnapshot snapshot = load(pool);
        out.println("Dry run: nothing is changed (no migration is launched or logged).");
        out.println(PlanPrinter.header(snapshot));
        strategies.calendar().describe(snapshot.now()).forEach(out::println);
        for (MigrationEntry entry : new MigrationLog(database).inFlight(pool.id())) {
            out.println("In flight from an earlier run: " + entry.summary() + " (" + entry.state().dbValue() + ")");
        }
        new MaintenanceStep(database, strategies, clock).preview(snapshot).forEach(out::println);
        runs.mode(runId, strategies.calendar().modeAt(snapshot.now()).settingValue());
        Optional<Decision> frozen = frozen(snapshot);
        MigrationPlan plan = frozen.map(f -> MigrationPlan.frozen(strategies.name(), f)).orElseGet(() -> plan(pool, snapshot));
        out.print(PlanPrinter.render(plan));
        runs.decisions(runId, pool.id(), plan.decisions(), clock.instant());
        Outcome outcome = plan.blocked() ? Outcome.BLOCKED : plan.paused() ? Outcome.PAUSED : plan.frozen() ? Outcome.FROZEN
                : plan.moves().isEmpty()
                ? (plan.violationSeen() ? Outcome.WAITING : Outcome.BALANCED) : Outcome.PLANNED;
        runs.finish(runId, outcome, "dry run: " + plan.moves().size() + " move(s) planned", clock.instant());
        return new RunResult(plan.blocked() ? ExitCode.STALE_DATA : ExitCode.OK, outcome, runId, plan, null);
    }

    /**
     * xcp-control --evacuate HOST --dry-run: the evacuation as the owner would plan it now, from the collected
     * state; nothing is recorded or changed.
     */
    public void dryRunEvacuation(PoolRef pool, HostState host) {
        PoolSnapshot loaded = load(pool);
        Map<String, HostMaintenance> inMaintenance = new HashMap<>(loaded.maintenance());
        inMaintenance.put(host.uuid(), HostMaintenance.requested(pool.id(), host.uuid(), host.name(), "this dry run",
                loaded.now()));
        PoolSnapshot snapshot = loaded.withMaintenance(inMaintenance);
        out.println("Dry run: nothing is changed (no host is disabled, no migration is launched or logged).");
        out.println(PlanPrinter.header(snapshot));
        strategies.calendar().describe(snapshot.now()).forEach(out::println);
        new MaintenanceStep(database, strategies, clock).preview(snapshot).forEach(out::println);
    }

    /** One FROZEN decision when a freeze window is open: nothing is launched this run. */
    private Optional<Decision> frozen(PoolSnapshot snapshot) {
        return strategies.calendar().frozenDecision(snapshot.now(), MaintenanceStep.waitingHosts(snapshot));
    }

    /** Step 1 of the pipeline: the snapshot, with as many samples per host as the strategies need. */
    private PoolSnapshot load(PoolRef pool) {
        return new SnapshotLoader(database).load(pool, strategies.policy(), strategies.samplesNeeded(), clock.instant());
    }

    /**
     * Steps 2 and 3: the eligibility gate, then every enabled strategy in order. A pool paused by an administrator
     * (PoolPause, written by xcp-manager) gets one PAUSED decision and no plan; an expired pause is no pause.
     */
    private MigrationPlan plan(PoolRef pool, PoolSnapshot snapshot) {
        Optional<PoolPause> pause = new PoolPauseRepository(database).active(pool.id(), snapshot.now());
        if (pause.isPresent()) {
            return MigrationPlan.paused(strategies.name(), Decision.of(DecisionAction.PAUSED, "balancing of pool "
                    + pool.name() + " is paused " + pause.get().describe()
                    + ": nothing decided (RESUME BALANCING in xcp-manager ends it)"));
        }
        Eligibility gate = Eligibility.of(snapshot, strategies.policy());
        return strategies.plan(snapshot, gate);
    }

    private MigrationExecutor executor(MigrationGateway gateway, MigrationLog migrations) {
        return new MigrationExecutor(gateway, migrations, limits, progress, clock, fence);
    }

    private PoolRef resolvePool(Optional<String> poolName, LazyGateway gateway) {
        PoolStateRepository states = new PoolStateRepository(database);
        if (poolName.isPresent()) {
            return states.pool(poolName.get()).orElseThrow(() -> new UserFacingException(ExitCode.BAD_INPUT,
                    "--pool: no pool named or with uuid '" + poolName.get() + "' in the database"));
        }
        List<PoolRef> pools = states.pools();
        if (pools.size() == 1) {
            return pools.get(0);
        }
        if (pools.isEmpty()) {
            throw new UserFacingException(ExitCode.STALE_DATA, "the database holds no pool yet: run xcp-collect first");
        }
        String uuid = gateway.get().poolUuid();
        return states.pool(uuid).orElseThrow(() -> new UserFacingException(ExitCode.STALE_DATA, "the pool of xapi.url ("
                + uuid + ") has not been collected into this database: run xcp-collect first, or name one with --pool"));
    }
}
