package org.xcpbalancer.simulator.model;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.xcpbalancer.simulator.scenario.PowerState;

/**
 * Power states of hosts and VMs: VMs start, stop, reboot, crash and hang; hosts shut down, boot, die, are fenced
 * or cut off from the master. Shares the {@link PoolModel}'s lock and change hook. Timed transitions (boot,
 * shutdown, the master noticing a dead host) run on the simulated clock; a later power change of the same host
 * makes a pending one void (each host has an epoch that every change bumps).
 *
 * <p>What the master records (host_metrics.live, guest heartbeats) is kept apart from what is true (the
 * machine's {@link HostPower}, partitions): a dead host's VMs stay Running in the records until
 * VM.power_state_reset, as on a real pool.
 */
public final class PowerLifecycle {
    /** xapi's Xapi_globs.guest_liveness_timeout: a guest agent silent this long is not live. */
    public static final Duration GUEST_LIVENESS_TIMEOUT = Duration.ofSeconds(300);

    private final PoolModel model;
    private final Object lock;
    private final PoolModelState state;
    private final LoadCalculator loads;
    private final SimTimers timers;
    /** Guarded by lock. */
    private final Map<SimHost, Long> epochs = new HashMap<>();

    PowerLifecycle(PoolModel model, Object lock, PoolModelState state, LoadCalculator loads) {
        this.model = model;
        this.lock = lock;
        this.state = state;
        this.loads = loads;
        this.timers = new SimTimers(model.clock());
    }

    // ---- VMs ---------------------------------------------------------------------------------------------------

    /** Starts a halted guest on {@code host}, taking its memory there (fails if it does not fit). */
    public void startVm(SimVm vm, SimHost host) throws NotEnoughFreeMemoryException {
        synchronized (lock) {
            if (!vm.isGuest() || vm.powerState() != PowerState.HALTED) {
                throw new IllegalStateException(vm + " is not a halted guest");
            }
            long available = loads.freeMemoryBytes(host);
            if (vm.memoryBytes() > available) {
                throw new NotEnoughFreeMemoryException(vm.memoryBytes(), available);
            }
            model.beforeChange();
            state.residents.get(host).add(vm);
            vm.setResidentOn(host, state.takeDomid(host));
            vm.setPowerState(PowerState.RUNNING);
            vm.setStartedAt(model.clock().now());
            vm.setAgentStoppedAt(null);
            loads.invalidate();
        }
        model.announce(ModelChange.vm(vm), ModelChange.vmLoad(vm), ModelChange.guestAgentStarted(vm),
                ModelChange.host(host), ModelChange.hostLoad(host));
    }

    /** The VM is Halted (shut down, crashed or reset): it leaves its host and frees its memory there. */
    public void haltVm(SimVm vm) {
        SimHost host;
        synchronized (lock) {
            if (!vm.isGuest() || vm.powerState() == PowerState.HALTED) {
                return;
            }
            model.beforeChange();
            host = vm.residentOn();
            if (host != null) {
                state.residents.get(host).remove(vm);
                Map<SimVm, Long> held = state.reservations.get(host);
                if (held != null) {
                    held.remove(vm);
                }
            }
            vm.setResidentOn(null, -1);
            vm.setPowerState(PowerState.HALTED);
            vm.setAgentStoppedAt(null);
            vm.setPausedAt(null);
            state.noisyUntil.remove(vm);
            loads.invalidate();
        }
        model.announce(ModelChange.vm(vm), ModelChange.vmLoad(vm), ModelChange.guestAgentStopped(vm));
        if (host != null) {
            model.announce(ModelChange.host(host), ModelChange.hostLoad(host));
        }
    }

    /** VM.hard_reboot (of a Running or Paused VM): a new, running domain on the same host; the agent reports again. */
    public void rebootVm(SimVm vm) {
        SimHost host = vm.residentOn();
        change(() -> {
            vm.setResidentOn(host, state.takeDomid(host));
            vm.setPowerState(PowerState.RUNNING);
            vm.setStartedAt(model.clock().now());
            vm.setAgentStoppedAt(null);
            vm.setPausedAt(null);
            loads.invalidate();
        }, ModelChange.vm(vm), ModelChange.vmLoad(vm), ModelChange.guestAgent(vm), ModelChange.hostLoad(host));
    }

    /**
     * The domain is paused (VM.pause, or the hypervisor paused it): it keeps its host, domid and memory but its
     * vCPUs run nothing, so it draws no CPU and its guest agent's heartbeat stops until it runs again.
     */
    public void pauseVm(SimVm vm) {
        setPaused(vm, true);
    }

    /** VM.unpause: the same domain runs on; its agent reports again (unless the guest had hung before). */
    public void unpauseVm(SimVm vm) {
        setPaused(vm, false);
    }

    private void setPaused(SimVm vm, boolean paused) {
        SimHost host = vm.residentOn();
        change(() -> {
            vm.setPowerState(paused ? PowerState.PAUSED : PowerState.RUNNING);
            vm.setPausedAt(paused ? model.clock().now() : null);
            loads.invalidate();
        }, ModelChange.vm(vm), ModelChange.vmLoad(vm), ModelChange.guestAgent(vm), ModelChange.hostLoad(host));
    }

    /** The guest hangs: it stays Running but its agent stops reporting (heartbeat stops). */
    public void hangVm(SimVm vm) {
        change(() -> vm.setAgentStoppedAt(model.clock().now()), ModelChange.guestAgent(vm));
    }

    /**
     * VM_guest_metrics.last_updated as the master has it; null when the VM has no domain (Halted). A Paused VM keeps
     * its guest metrics (xapi drops them only with the domain) but its agent cannot write while paused.
     */
    public Instant guestLastUpdated(SimVm vm) {
        SimHost host = vm.residentOn();
        if (!vm.hasDomain() || host == null) {
            return null;
        }
        Instant last = model.clock().now();
        for (Instant stopped : new Instant[] {vm.agentStoppedAt(), vm.pausedAt()}) {
            if (stopped != null && stopped.isBefore(last)) {
                last = stopped;
            }
        }
        Instant cutOff = host.unreachableSince();
        if (cutOff != null && cutOff.isBefore(last)) {
            last = cutOff;
        }
        return last;
    }

    /** VM_guest_metrics.live: the agent reported within {@link #GUEST_LIVENESS_TIMEOUT}. */
    public boolean guestLive(SimVm vm) {
        Instant last = guestLastUpdated(vm);
        return last != null && Duration.between(last, model.clock().now()).compareTo(GUEST_LIVENESS_TIMEOUT) <= 0;
    }

    /** The truth: the guest runs and its agent reports (even where the master cannot hear it). */
    public boolean guestHeartbeating(SimVm vm) {
        SimHost host = vm.residentOn();
        return vm.powerState() == PowerState.RUNNING && host != null && host.up() && vm.agentStoppedAt() == null;
    }

    // ---- hosts -------------------------------------------------------------------------------------------------

    /** host.set_power_on_mode: how host.power_on reaches the machine ("" disables it). */
    public void setPowerOnMode(SimHost host, String mode, Map<String, String> config) {
        change(() -> host.setPowerOn(mode, config), ModelChange.host(host));
    }

    /** host.shutdown accepted: the master marks it dead at once; it answers until the shutdown time passed. */
    public void shutDownHost(SimHost host) {
        long epoch = setPower(host, HostPower.SHUTTING_DOWN, false, true);
        after(model.options().hostShutdownTime(), host, epoch, () -> setPower(host, HostPower.OFF, false, true));
    }

    /** host.power_on accepted: the host boots and is live (and enabled) once the boot time has passed. */
    public void powerOnHost(SimHost host) {
        long epoch = setPower(host, HostPower.BOOTING, false, true);
        after(model.options().hostBootTime(), host, epoch, () -> {
            change(() -> host.setEnabled(true), ModelChange.host(host));
            setPower(host, HostPower.RUNNING, true, false);
        });
    }

    /** The host dies; the master marks it not live after the scenario's liveness timeout. */
    public void crashHost(SimHost host) {
        cutOff(host, HostPower.CRASHED, host.partitioned());
    }

    /** A fence powers the host off for good (until host.power_on); the master notices as for a death. */
    public void fenceHost(SimHost host) {
        cutOff(host, HostPower.OFF, host.partitioned());
    }

    /** Cuts the host off from the master only (it keeps running its VMs), or heals the partition. */
    public void partitionHost(SimHost host, boolean partitioned) {
        if (partitioned) {
            cutOff(host, host.power(), true);
        } else {
            change(() -> host.setPartitioned(false), ModelChange.host(host));
            if (host.power() == HostPower.RUNNING) {
                setPower(host, HostPower.RUNNING, true, false);
            }
        }
    }

    /** The host runs again at once (admin revive): live, reachable, not partitioned. */
    public void reviveHost(SimHost host) {
        if (host.partitioned()) {
            change(() -> host.setPartitioned(false), ModelChange.host(host));
        }
        setPower(host, HostPower.RUNNING, true, false);
    }

    private void cutOff(SimHost host, HostPower power, boolean partitioned) {
        if (partitioned != host.partitioned()) {
            change(() -> host.setPartitioned(partitioned), ModelChange.host(host));
        }
        Duration timeout = model.options().hostLivenessTimeout();
        boolean stillLive = host.live() && !timeout.isZero();
        long epoch = setPower(host, power, stillLive, true);
        if (stillLive) {
            after(timeout, host, epoch, () -> change(() -> host.setLive(false), ModelChange.host(host),
                    ModelChange.hostLoad(host)));
        }
    }

    /** Sets the machine's state and the master's view; returns the host's new epoch. */
    private long setPower(SimHost host, HostPower power, boolean live, boolean unreachable) {
        long[] epoch = new long[1];
        change(() -> {
            host.setPower(power);
            host.setLive(live);
            if (!unreachable && !host.partitioned()) {
                host.setUnreachableSince(null);
            } else if (host.unreachableSince() == null) {
                host.setUnreachableSince(model.clock().now());
            }
            epoch[0] = epochs.merge(host, 1L, Long::sum);
            loads.invalidate();
        }, ModelChange.host(host), ModelChange.hostLoad(host));
        return epoch[0];
    }

    private void after(Duration delay, SimHost host, long epoch, Runnable action) {
        timers.at(model.clock().now().plus(delay), () -> {
            synchronized (lock) {
                if (epochs.getOrDefault(host, 0L) != epoch) {
                    return;
                }
            }
            action.run();
        });
    }

    private void change(Runnable mutation, ModelChange... changes) {
        model.change(mutation, changes);
    }

    void close() {
        timers.close();
    }
}
