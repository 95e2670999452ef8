package org.xcpbalancer.control.plan;

import java.time.Duration;
import java.util.List;
import org.xcpbalancer.core.settings.SettingKeys;
import org.xcpbalancer.core.settings.Settings;

/**
 * The safety settings every strategy obeys, whatever it plans (issue 6, "What makes it safe to run every
 * minute"): the eligibility gate and the move budget read them. Each field is a control.* setting; the defaults
 * live in {@link SettingKeys} only. Settings a single strategy needs (e.g. control.holdSamples) are its args.
 *
 * @param maxMigrationsPerRun most moves one run plans, all strategies together
 * @param failureBackoff      a VM whose migration failed is not tried again for this long, doubled for each
 *                            further consecutive failure (capped at {@link #MAX_FAILURE_BACKOFF})
 */
public record SafetyPolicy(
        int maxMigrationsPerRun,
        Duration maxDataAge,
        Duration vmCooldown,
        Duration hostCooldown,
        Duration failureBackoff,
        List<String> excludeVms,
        List<String> excludeHosts) {

    /** VMs with this XAPI tag never move. */
    public static final String IGNORE_TAG = "xcp-balancer:ignore";
    public static final Duration MAX_FAILURE_BACKOFF = Duration.ofHours(24);

    public SafetyPolicy {
        excludeVms = List.copyOf(excludeVms);
        excludeHosts = List.copyOf(excludeHosts);
        if (maxMigrationsPerRun < 0) {
            throw new IllegalArgumentException("maxMigrationsPerRun must not be negative: " + maxMigrationsPerRun);
        }
    }

    public static SafetyPolicy from(Settings settings) {
        return new SafetyPolicy(
                settings.get(SettingKeys.CONTROL_MAX_MIGRATIONS_PER_RUN),
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

    /** Whether control.excludeVms names the VM, by uuid or name, ignoring case. */
    public boolean excludesVm(String uuid, String name) {
        return listed(excludeVms, uuid, name);
    }

    /** Whether control.excludeHosts names the host, by uuid or name, ignoring case. */
    public boolean excludesHost(String uuid, String name) {
        return listed(excludeHosts, uuid, name);
    }

    /** Allocates nothing: Placement asks it for every candidate destination of a search. */
    private static boolean listed(List<String> list, String uuid, String name) {
        for (String entry : list) {
            String listed = entry.trim();
            if (listed.equalsIgnoreCase(uuid) || listed.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
