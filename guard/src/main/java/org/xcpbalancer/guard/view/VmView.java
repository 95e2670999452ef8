package org.xcpbalancer.guard.view;

import java.time.Instant;
import java.util.Set;

/**
 * A VM (not a template, snapshot or control domain) as XAPI's master records it at one check.
 *
 * @param powerState       "Running", "Halted", "Paused", "Suspended" as XAPI says
 * @param residentOnUuid   the host it runs on (null unless Running or Paused)
 * @param haRestartPriority "restart", "best-effort" or ""
 * @param order            VM.order: restarts go lowest first, as xapi's HA does
 * @param startDelaySeconds VM.start_delay: the wait after starting it before the next VM is started
 * @param memoryMb         memory_static_max in MiB: what a start needs on the host
 * @param guestUpdatedAt   VM_guest_metrics.last_updated (the guest agent's heartbeat), null without guest metrics
 * @param guestLive        VM_guest_metrics.live, null without guest metrics
 * @param currentOperations the values of VM.current_operations (e.g. "start", "pool_migrate")
 * @param groupUuids       the XAPI VM groups it belongs to (VM_group.VMs)
 */
public record VmView(String ref, String uuid, String name, String powerState, String residentOnUuid,
        String haRestartPriority, long order, long startDelaySeconds, Set<String> tags, long memoryMb,
        Instant guestUpdatedAt, Boolean guestLive, Set<String> currentOperations, String affinityHostUuid,
        Set<String> groupUuids) {

    /** The tag that protects a VM whatever its ha_restart_priority. */
    public static final String PROTECT_TAG = "xcp-balancer:guard=restart";
    public static final String RESTART = "restart";
    public static final String BEST_EFFORT = "best-effort";

    public VmView {
        tags = Set.copyOf(tags);
        currentOperations = Set.copyOf(currentOperations);
        groupUuids = Set.copyOf(groupUuids);
        haRestartPriority = haRestartPriority == null ? "" : haRestartPriority;
    }

    /** Protected: ha_restart_priority restart or best-effort, or tagged xcp-balancer:guard=restart. */
    public boolean isProtected() {
        return RESTART.equals(haRestartPriority) || BEST_EFFORT.equals(haRestartPriority) || tags.contains(PROTECT_TAG);
    }

    /** Best-effort VMs are restarted last and only where they fit; a tagged VM counts as restart. */
    public boolean bestEffort() {
        return BEST_EFFORT.equals(haRestartPriority) && !tags.contains(PROTECT_TAG);
    }

    /** The VM after VM.power_state_reset: Halted, on no host. */
    public VmView asHalted() {
        return new VmView(ref, uuid, name, "Halted", null, haRestartPriority, order, startDelaySeconds, tags, memoryMb,
                guestUpdatedAt, guestLive, Set.of(), affinityHostUuid, groupUuids);
    }

    public boolean running() {
        return "Running".equals(powerState);
    }

    public boolean halted() {
        return "Halted".equals(powerState);
    }
}
