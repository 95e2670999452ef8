package org.xcpbalancer.control.plan;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the migration log says that planning must respect: when each VM last moved, when each host last gained
 * or lost a VM, which VMs keep failing, and what is still in flight. Read from the database, so a restarted
 * controller remembers it.
 *
 * @param vmLastMovedAt       per VM uuid, the end of its latest successful migration
 * @param hostLastChangedAt   per host uuid, the end of the latest successful migration to or from it
 * @param vmFailures          per VM uuid, its consecutive failed migrations (since its last success)
 * @param inFlightDestinations per VM uuid with a migration planned or launched and not finished, its destination
 * @param hostsInFlight       sources and destinations of those migrations
 * @param refusals            per VM uuid, per destination host uuid, when XAPI last refused that move as one
 *                            that would break its HA plan (not a failure: the VM does not back off, the pair does)
 */
public record MigrationFacts(
        Map<String, Instant> vmLastMovedAt,
        Map<String, Instant> hostLastChangedAt,
        Map<String, FailureRecord> vmFailures,
        Map<String, String> inFlightDestinations,
        Set<String> hostsInFlight,
        Map<String, Map<String, Instant>> refusals) {

    public static final MigrationFacts NONE = new MigrationFacts(Map.of(), Map.of(), Map.of(), Map.of(), Set.of());

    public MigrationFacts {
        vmLastMovedAt = Map.copyOf(vmLastMovedAt);
        hostLastChangedAt = Map.copyOf(hostLastChangedAt);
        vmFailures = Map.copyOf(vmFailures);
        inFlightDestinations = Map.copyOf(inFlightDestinations);
        hostsInFlight = Set.copyOf(hostsInFlight);
        Map<String, Map<String, Instant>> copy = new java.util.HashMap<>();
        refusals.forEach((vm, byHost) -> copy.put(vm, Map.copyOf(byHost)));
        refusals = Map.copyOf(copy);
    }

    /** Facts without refusals. */
    public MigrationFacts(Map<String, Instant> vmLastMovedAt, Map<String, Instant> hostLastChangedAt,
            Map<String, FailureRecord> vmFailures, Map<String, String> inFlightDestinations, Set<String> hostsInFlight) {
        this(vmLastMovedAt, hostLastChangedAt, vmFailures, inFlightDestinations, hostsInFlight, Map.of());
    }

    /** When XAPI last refused moving the VM to the host (HA plan), if it did within the lookback. */
    public Optional<Instant> refusedAt(String vmUuid, String hostUuid) {
        return Optional.ofNullable(refusals.getOrDefault(vmUuid, Map.of()).get(hostUuid));
    }

    /** VMs with a migration planned or launched and not finished. */
    public Set<String> vmsInFlight() {
        return inFlightDestinations.keySet();
    }

    public Optional<Instant> vmLastMoved(String vmUuid) {
        return Optional.ofNullable(vmLastMovedAt.get(vmUuid));
    }

    public Optional<Instant> hostLastChanged(String hostUuid) {
        return Optional.ofNullable(hostLastChangedAt.get(hostUuid));
    }

    public Optional<FailureRecord> failures(String vmUuid) {
        return Optional.ofNullable(vmFailures.get(vmUuid));
    }

    /** A VM's run of failed migrations: how many in a row, and when the last one ended. */
    public record FailureRecord(int consecutiveFailures, Instant lastFailedAt, String lastError) {
    }
}
