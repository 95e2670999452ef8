package org.xcpbalancer.guard.ladder;

import java.util.Optional;

/**
 * Chooses the host a VM is started on, through control's placement check (memory, constraints, HA plan, no
 * disabled or dead host), least loaded first. The guard's host path and the ladder ask the same one.
 */
@FunctionalInterface
public interface RestartTargets {
    /**
     * The preferred host when the placement check allows the VM there, else the least loaded host it allows;
     * never the avoided host. Empty choice with the refusals when none fits.
     */
    TargetChoice choose(VmObservation vm, Optional<String> preferredHostUuid, Optional<String> avoidedHostUuid);
}
