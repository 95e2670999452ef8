package org.xcpbalancer.simulator.xapi.task;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.xcpbalancer.simulator.fault.FaultInjector;
import org.xcpbalancer.simulator.model.NotEnoughFreeMemoryException;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.xapi.ObjectRefs;
import org.xcpbalancer.simulator.xapi.VmOperationsView;
import org.xcpbalancer.simulator.xapi.XapiClassNames;
import org.xcpbalancer.simulator.xapi.XapiErrorCodes;
import org.xcpbalancer.simulator.xapi.XapiException;
import org.xcpbalancer.simulator.xapi.event.EventLog;

/**
 * VM.pool_migrate as xapi runs it: checked and registered as the VM's current operation "pool_migrate" (a second
 * operation gets OTHER_OPERATION_IN_PROGRESS), memory reserved on the destination, memory copied at the scenario's
 * bandwidth in pool time with traffic on both hosts, the VM running on the source until the switch. Ends in
 * success (model.moveVm), VM_MIGRATE_FAILED (failure rate), HOST_OFFLINE (a host died), or TASK_CANCELLED.
 */
public final class MigrationService implements VmOperationsView, AutoCloseable {

    /** xapi stores a task's result as an XML-RPC fragment; pool_migrate returns void, i.e. "". */
    public static final String VOID_RESULT = "<value></value>";
    static final String OPERATION = "pool_migrate";
    private static final Duration TICK = Duration.ofMillis(20);
    private static final long MIB = 1024L * 1024L;

    private final PoolModel model;
    private final ObjectRefs refs;
    private final TaskManager tasks;
    private final EventLog events;
    private final FaultInjector faults;
    private final Map<String, Migration> active = new ConcurrentHashMap<>();
    private final MigrationChecks checks;
    /** Started by the first migration, so a pool nobody migrates in runs no thread. */
    private ScheduledExecutorService ticker;
    private boolean closed;

    public MigrationService(PoolModel model, ObjectRefs refs, TaskManager tasks, EventLog events,
                            FaultInjector faults) {
        this.model = model;
        this.refs = refs;
        this.tasks = tasks;
        this.events = events;
        this.faults = faults;
        this.checks = new MigrationChecks(model, refs);
    }

    private synchronized void startTicking() {
        if (ticker == null && !closed) {
            ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "xcp-sim-migrations");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::tickAll, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Async.VM.pool_migrate: returns the task at once. Errors found before the copy starts end the task at once,
     * as xapi reports them through the task of an Async call.
     */
    public SimTask startAsync(Object vmRef, Object hostRef, String masterUuid) {
        SimTask task = tasks.create("Async.VM.pool_migrate", masterUuid);
        try {
            start(vmRef, hostRef, task);
        } catch (XapiException e) {
            tasks.fail(task, e.errorDescription());
        }
        return task;
    }

    /** VM.pool_migrate: waits for the end and answers with the migration's error if it failed. */
    public void migrate(Object vmRef, Object hostRef, String masterUuid) throws XapiException, InterruptedException {
        SimTask task = tasks.create("VM.pool_migrate", masterUuid);
        try {
            Migration migration = start(vmRef, hostRef, task);
            try {
                migration.done.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
            SimTask.Snapshot end = task.snapshot();
            if (end.status() != TaskStatus.SUCCESS) {
                throw XapiException.of(end.errorInfo());
            }
        } finally {
            tasks.destroy(task); // a synchronous call's task is internal
        }
    }

    private Migration start(Object vmRef, Object hostRef, SimTask task) throws XapiException {
        SimVm vm = model.vm(refs.uuid(XapiClassNames.VM, vmRef));
        if (vm == null) {
            throw new XapiException(XapiErrorCodes.HANDLE_INVALID, XapiClassNames.VM, String.valueOf(vmRef));
        }
        SimHost destination = model.host(refs.uuid(XapiClassNames.HOST, hostRef));
        if (destination == null) {
            throw new XapiException(XapiErrorCodes.HANDLE_INVALID, XapiClassNames.HOST, String.valueOf(hostRef));
        }
        String vmRefText = refs.ref(XapiClassNames.VM, vm.uuid());
        Migration migration;
        synchronized (this) {
            checks.check(vm, destination, currentOperations(vm.uuid()));
            SimHost source = vm.residentOn();
            boolean localhost = source == destination;
            if (!localhost) {
                try {
                    model.reserveMemory(destination, vm);
                } catch (NotEnoughFreeMemoryException e) {
                    throw new XapiException(XapiErrorCodes.HOST_NOT_ENOUGH_FREE_MEMORY,
                            Long.toString(e.neededBytes()), Long.toString(e.availableBytes()));
                }
            }
            double bytesPerSec = model.options().migrationBandwidthMbPerSec() * MIB;
            Duration duration = localhost ? Duration.ZERO
                    : Duration.ofNanos((long) (vm.memoryBytes() / bytesPerSec * 1e9));
            migration = new Migration(vm, source, destination, task, bytesPerSec, duration, failurePoint(),
                    model.clock().now());
            active.put(vm.uuid(), migration);
            startTicking();
            if (!localhost) {
                model.addMigrationTraffic(source, destination, bytesPerSec);
            }
        }
        tasks.onCancel(task, () -> { /* the next tick sees the request and ends the migration */ });
        events.modify("vm", vmRefText);
        return migration;
    }

    /** Where a migration fated by the failure rate fails, or NaN if it will succeed. */
    private double failurePoint() {
        Double override = faults.settings().migrationFailureShare();
        double rate = override != null ? override : model.options().migrationFailureRate();
        if (rate <= 0 || faults.draw() >= rate) {
            return Double.NaN;
        }
        return 0.3 + 0.6 * faults.draw();
    }

    private void tickAll() {
        Instant now = model.clock().now();
        boolean hanging = faults.settings().hangMigrations();
        for (Migration migration : active.values()) {
            try {
                tick(migration, now, hanging);
            } catch (RuntimeException e) {
                finish(migration, List.of(XapiErrorCodes.INTERNAL_ERROR, String.valueOf(e)));
            }
        }
    }

    private void tick(Migration migration, Instant now, boolean hanging) {
        String taskRef = migration.task.ref();
        if (migration.task.cancelRequested()) {
            finish(migration, List.of(XapiErrorCodes.TASK_CANCELLED, taskRef));
            return;
        }
        if (!migration.destination.reachable()) {
            finish(migration, List.of(XapiErrorCodes.HOST_OFFLINE,
                    refs.ref(XapiClassNames.HOST, migration.destination.uuid())));
            return;
        }
        if (!migration.source.reachable()) {
            finish(migration, List.of(XapiErrorCodes.HOST_OFFLINE,
                    refs.ref(XapiClassNames.HOST, migration.source.uuid())));
            return;
        }
        double progress = migration.advance(now, hanging);
        if (progress >= migration.failAtProgress) {
            finish(migration, List.of(XapiErrorCodes.VM_MIGRATE_FAILED,
                    refs.ref(XapiClassNames.VM, migration.vm.uuid()),
                    refs.ref(XapiClassNames.HOST, migration.source.uuid()),
                    refs.ref(XapiClassNames.HOST, migration.destination.uuid()),
                    "Xenops_interface.Xenopsd_error(Internal_error(\"VM migration stream closed by the remote"
                            + " host\"))"));
            return;
        }
        if (progress >= 1.0) {
            finish(migration, null);
            return;
        }
        // xapi reports progress in steps; a change of a hundredth is worth an event.
        double reported = Math.floor(progress * 100) / 100;
        if (reported > migration.task.snapshot().progress()) {
            tasks.progress(migration.task, reported);
        }
    }

    /** Ends a migration: success when errorInfo is null. */
    private void finish(Migration migration, List<String> errorInfo) {
        synchronized (this) {
            if (active.remove(migration.vm.uuid(), migration)) {
                boolean localhost = migration.source == migration.destination;
                if (!localhost) {
                    model.removeMigrationTraffic(migration.source, migration.destination, migration.bytesPerSec);
                }
                if (errorInfo == null) {
                    model.moveVm(migration.vm, migration.destination);
                } else if (!localhost) {
                    model.releaseReservation(migration.destination, migration.vm);
                }
            } else {
                return;
            }
        }
        if (errorInfo == null) {
            tasks.succeed(migration.task, VOID_RESULT);
        } else {
            tasks.fail(migration.task, errorInfo);
        }
        events.modify("vm", refs.ref(XapiClassNames.VM, migration.vm.uuid()));
        migration.done.complete(null);
    }

    /** A migration in flight, and an operation held on the VM by the scenario or the admin API. */
    @Override
    public Map<String, String> currentOperations(String vmUuid) {
        Map<String, String> operations = new LinkedHashMap<>();
        SimVm vm = model.vm(vmUuid);
        if (vm != null && vm.heldOperation() != null) {
            String taskUuid = UUID.nameUUIDFromBytes((vmUuid + "/held/" + vm.heldOperation())
                    .getBytes(StandardCharsets.UTF_8)).toString();
            operations.put(refs.ref(XapiClassNames.TASK, taskUuid), vm.heldOperation());
        }
        Migration migration = active.get(vmUuid);
        if (migration != null) {
            operations.put(migration.task.ref(), OPERATION);
        }
        return operations;
    }

    /** pool_migrate calls refused before starting, by error code. */
    /** Why pool_migrate would refuse this VM whatever the destination (its own checks), or null. */
    public XapiException vmRefusal(SimVm vm) {
        try {
            checks.checkVm(vm, currentOperations(vm.uuid()));
            return null;
        } catch (XapiException e) {
            return e;
        }
    }

    public Map<String, Long> refusals() {
        return checks.refusals();
    }

    public int activeCount() {
        return active.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
