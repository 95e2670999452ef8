package org.xcpbalancer.control.power;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.xcpbalancer.core.state.HostPowerRecord;
import org.xcpbalancer.core.state.PowerActionKind;
import org.xcpbalancer.core.state.PowerActionState;

/**
 * What planning knows of xcp-balancer's own power actions: per host, the newest one. A host "we powered off" is
 * one whose newest action is a power-off that was done (only those are woken unless density.powerOnAnyHost).
 */
public final class PowerHistory {
    public static final PowerHistory NONE = new PowerHistory(List.of());

    private final Map<String, HostPowerRecord> latestByHost;

    /** @param latest the newest record of each host (at most one per host) */
    public PowerHistory(Collection<HostPowerRecord> latest) {
        this.latestByHost = latest.stream().collect(Collectors.toUnmodifiableMap(HostPowerRecord::hostUuid,
                Function.identity()));
    }

    public Optional<HostPowerRecord> latest(String hostUuid) {
        return Optional.ofNullable(latestByHost.get(hostUuid));
    }

    public Collection<HostPowerRecord> latest() {
        return latestByHost.values();
    }

    /** xcp-balancer shut the host down and has not powered it on since. */
    public boolean poweredOffByUs(String hostUuid) {
        return latest(hostUuid).map(r -> r.is(PowerActionKind.POWER_OFF, PowerActionState.DONE)).orElse(false);
    }

    /** xcp-balancer powered the host on less than {@code cooldown} before {@code now} (density.powerOnCooldown). */
    public boolean poweredOnWithin(String hostUuid, Duration cooldown, Instant now) {
        return latest(hostUuid).filter(r -> r.kind() == PowerActionKind.POWER_ON)
                .map(r -> r.startedAt().plus(cooldown).isAfter(now)).orElse(false);
    }

    /**
     * The host's newest action is a power-off that failed less than {@code backoff} before {@code now}
     * (density.powerOffRetryAfter): XAPI refused it (e.g. a paused guest still on the host), and trying again every
     * run would fail the same way until an administrator acts.
     */
    public boolean failedPowerOffWithin(String hostUuid, Duration backoff, Instant now) {
        return latest(hostUuid).filter(r -> r.is(PowerActionKind.POWER_OFF, PowerActionState.FAILED))
                .map(r -> failedAt(r).plus(backoff).isAfter(now)).orElse(false);
    }

    /** When a failed action was given up (its start if the finish was not stored). */
    public static Instant failedAt(HostPowerRecord failed) {
        return failed.doneAt() != null ? failed.doneAt() : failed.startedAt();
    }
}
