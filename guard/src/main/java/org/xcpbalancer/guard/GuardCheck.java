package org.xcpbalancer.guard;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.xcpbalancer.guard.act.ActionFence;
import org.xcpbalancer.guard.act.GuardXapi;
import org.xcpbalancer.guard.act.VmRestarter;
import org.xcpbalancer.guard.state.ActionJournal;
import org.xcpbalancer.guard.state.GuardRepository;
import org.xcpbalancer.guard.state.HostGuardState;
import org.xcpbalancer.guard.view.PoolView;

/**
 * One guard check of one pool, handed to each {@link GuardStage}: the XAPI view read at its start, XAPI for
 * actions, the state repository and action journal, the one way to start a VM ({@link VmRestarter}), settings,
 * whether it is a dry run, the clock, and where to say things (a line on stdout or in the log).
 *
 * <p>The host stage runs first and records each host's verdict ({@link #hostVerdict}); later stages ask
 * {@link #hostFine} before treating a VM's trouble as the VM's own.
 */
public final class GuardCheck {
    private final PoolView view;
    private final GuardXapi xapi;
    private final GuardRepository repository;
    private final ActionJournal journal;
    private final VmRestarter restarter;
    private final ActionFence fence;
    private final GuardSettings settings;
    private final boolean dryRun;
    private final Clock clock;
    private final Consumer<String> say;
    private final Map<String, HostGuardState> hostVerdicts = new HashMap<>();

    public GuardCheck(PoolView view, GuardXapi xapi, GuardRepository repository, ActionJournal journal,
            VmRestarter restarter, ActionFence fence, GuardSettings settings, boolean dryRun, Clock clock,
            Consumer<String> say) {
        this.view = view;
        this.xapi = xapi;
        this.repository = repository;
        this.journal = journal;
        this.restarter = restarter;
        this.fence = fence;
        this.settings = settings;
        this.dryRun = dryRun;
        this.clock = clock;
        this.say = say;
    }

    public PoolView view() {
        return view;
    }

    public String poolUuid() {
        return view.poolUuid();
    }

    public GuardXapi xapi() {
        return xapi;
    }

    public GuardRepository repository() {
        return repository;
    }

    public ActionJournal journal() {
        return journal;
    }

    public VmRestarter restarter() {
        return restarter;
    }

    public ActionFence fence() {
        return fence;
    }

    public GuardSettings settings() {
        return settings;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public Clock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Prints a line (stdout for a one-shot; the log, stamped, for a service). */
    public void say(String line) {
        say.accept(line);
    }

    /** Set by the host stage: where each host stands after this check. */
    public void hostVerdict(String hostUuid, HostGuardState state) {
        hostVerdicts.put(hostUuid, state);
    }

    /** Each host's state after the host stage (the master and hosts it did not judge count as up). */
    public HostGuardState verdict(String hostUuid) {
        return hostVerdicts.getOrDefault(hostUuid, HostGuardState.UP);
    }

    /** True when the host stage found the host up (a host it did not judge, e.g. the master, counts as up). */
    public boolean hostFine(String hostUuid) {
        return hostVerdicts.getOrDefault(hostUuid, HostGuardState.UP) == HostGuardState.UP;
    }
}
