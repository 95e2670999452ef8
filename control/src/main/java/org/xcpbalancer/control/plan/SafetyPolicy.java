package org.xcpbalancer.control.plan;

import java.time.Duration;
import java.util.List;
import org.xcpbalancer.core.settings.SettingKeys;
import org.xcpbalancer.core.settings.Settings;

/**
 * The safety settings every strategy obeys (issue 6, "What makes it safe to run every minute"). Each field is a
 * control.* setting; {@link #DEFAULTS} are the documented defaults.
 *
 * @param failureBackoff   a VM whose migration failed is not tried again for this long, doubled for each further
 *                         consecutive failure (capped at {@link #MAX_FAILURE_BACKOFF})
 */
public record SafetyPolicy(
        int maxMigrationsPerRun,
        int holdSamples,
        Duration maxDataAge,
        Duration vmCooldown,
        Duration hostCooldown,
        Duration failureBackoff,
        List<String> excludeVms,
        List<String> excludeHosts) {

    /** VMs with this XAPI tag never move. */
    public static final String IGNORE_TAG = "xcp-balancer:ignore";
    public static final Duration MAX_FAILURE_BACKOFF = Duration.ofHours(24);

    public static final SafetyPolicy DEFAULTS = new SafetyPolicy(2, 3, Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofMinutes(5), Duration.ofMinutes(10), List.of(), List.of());

    public SafetyPolicy {
        excludeVms = List.copyOf(excludeVms);
        excludeHosts = List.copyOf(excludeHosts);
        if (maxMigrationsPerRun < 0 || holdSamples < 1) {
            throw new IllegalArgumentException("maxMigrationsPerRun must be >= 0 and holdSamples >= 1");
        }
    }

    public static SafetyPolicy from(Settings settings) {
        return new SafetyPolicy(
                settings.get(SettingKeys.CONTROL_MAX_MIGRATIONS_PER_RUN),
                settings.get(SettingKeys.CONTROL_HOLD_SAMPLES),
                settings.get(SettingKeys.CONTROL_MAX_DATA_AGE),
                settings.get(SettingKeys.CONTROL_VM_COOLDOWN),
                settings.get(SettingKeys.CONTROL_HOST_COOLDOWN),
                settings.get(SettingKeys.CONTROL_FAILURE_BACKOFF),
                settings.optional(SettingKeys.CONTROL_EXCLUDE_VMS).orElse(List.of()),
                settings.optional(SettingKeys.CONTROL_EXCLUDE_HOSTS).orElse(List.of()));
    }

    /** How long a VM with this many consecutive failures waits before it is tried again. */
    public Duration backoffAfter(int consecutiveFailures) {
        if (consecutiveFailures <= 0) {
            return Duration.ZERO;
        }
        Duration wait = failureBackoff;
        for (int i = 1; i < consecutiveFailures && wait.compareTo(MAX_FAILURE_BACKOFF) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(MAX_FAILURE_BACKOFF) > 0 ? MAX_FAILURE_BACKOFF : wait;
    }

    public SafetyPolicy withHoldSamples(int samples) {
        return new SafetyPolicy(maxMigrationsPerRun, samples, maxDataAge, vmCooldown, hostCooldown, failureBackoff,
                excludeVms, excludeHosts);
    }

    public SafetyPolicy withCooldowns(Duration vm, Duration host) {
        return new SafetyPolicy(maxMigrationsPerRun, holdSamples, maxDataAge, vm, host, failureBackoff, excludeVms,
                excludeHosts);
    }

    public SafetyPolicy withMaxMigrationsPerRun(int max) {
        return new SafetyPolicy(max, holdSamples, maxDataAge, vmCooldown, hostCooldown, failureBackoff, excludeVms,
                excludeHosts);
    }
}
