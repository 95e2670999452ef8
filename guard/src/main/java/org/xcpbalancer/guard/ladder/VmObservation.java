package org.xcpbalancer.guard.ladder;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one check of the guard saw of one protected VM, all read from XAPI in that check. Times are the pool's
 * (messages and guest metrics are stamped by the master; at the simulator's --speed its clock runs fast).
 *
 * @param hostUuid     resident_on; empty when Halted
 * @param hostFine     whether the guard holds the VM's host up (not suspected, dead or fenced): a VM on a host
 *                     that is not fine is the host path's, never the ladder's. True for a Halted VM.
 * @param heartbeatAt  VM_guest_metrics.last_updated; empty when the VM has no guest metrics (no guest agent,
 *                     or not running): such a VM is judged by its power state only
 * @param startedAt    the newest VM_STARTED or VM_REBOOTED message for the VM, if any
 * @param shutdownAt   the newest VM_SHUTDOWN message for the VM (written by clean_shutdown and hard_shutdown; a
 *                     crash leaves none)
 * @param pausedAt     the VM_PAUSED message of its administrator's VM.pause when it still stands (newer than its
 *                     last start and last unpause, {@link org.xcpbalancer.guard.view.VmMessages#pausedOnPurpose()});
 *                     a hypervisor's pause leaves none
 * @param operation    one of the VM's current_operations, if it has any (a migration, an admin's start…)
 * @param affinityHostUuid VM.affinity, the host xapi's VM.start prefers, if set
 */
public record VmObservation(String uuid, String name, PowerState power, Optional<String> hostUuid, boolean hostFine,
        Optional<Instant> heartbeatAt, Optional<Instant> startedAt, Optional<Instant> shutdownAt,
        Optional<Instant> pausedAt, Optional<String> operation, Optional<String> affinityHostUuid) {

    public VmObservation {
        Objects.requireNonNull(uuid);
        Objects.requireNonNull(name);
        Objects.requireNonNull(power);
        Objects.requireNonNull(hostUuid);
        Objects.requireNonNull(heartbeatAt);
        Objects.requireNonNull(startedAt);
        Objects.requireNonNull(shutdownAt);
        Objects.requireNonNull(pausedAt);
        Objects.requireNonNull(operation);
        Objects.requireNonNull(affinityHostUuid);
    }

    /** A Running VM on a fine host with a guest agent whose heartbeat was last seen at {@code heartbeatAt}. */
    public static VmObservation running(String uuid, String name, String hostUuid, Instant heartbeatAt) {
        return new VmObservation(uuid, name, PowerState.RUNNING, Optional.of(hostUuid), true,
                Optional.ofNullable(heartbeatAt), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public VmObservation withPower(PowerState newPower, Optional<String> newHost) {
        return new VmObservation(uuid, name, newPower, newHost, hostFine, heartbeatAt, startedAt, shutdownAt,
                pausedAt, operation, affinityHostUuid);
    }

    public VmObservation withHeartbeatAt(Optional<Instant> at) {
        return new VmObservation(uuid, name, power, hostUuid, hostFine, at, startedAt, shutdownAt, pausedAt,
                operation, affinityHostUuid);
    }

    public VmObservation withMessages(Optional<Instant> started, Optional<Instant> shutdown) {
        return new VmObservation(uuid, name, power, hostUuid, hostFine, heartbeatAt, started, shutdown, pausedAt,
                operation, affinityHostUuid);
    }

    public VmObservation withPausedAt(Optional<Instant> at) {
        return new VmObservation(uuid, name, power, hostUuid, hostFine, heartbeatAt, startedAt, shutdownAt, at,
                operation, affinityHostUuid);
    }

    public VmObservation withHostFine(boolean fine) {
        return new VmObservation(uuid, name, power, hostUuid, fine, heartbeatAt, startedAt, shutdownAt, pausedAt,
                operation, affinityHostUuid);
    }

    public VmObservation withAffinity(Optional<String> host) {
        return new VmObservation(uuid, name, power, hostUuid, hostFine, heartbeatAt, startedAt, shutdownAt, pausedAt,
                operation, host);
    }

    public VmObservation withOperation(Optional<String> op) {
        return new VmObservation(uuid, name, power, hostUuid, hostFine, heartbeatAt, startedAt, shutdownAt, pausedAt,
                op, affinityHostUuid);
    }
}
