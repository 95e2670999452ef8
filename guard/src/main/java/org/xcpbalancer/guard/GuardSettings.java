package org.xcpbalancer.guard;

import java.time.Duration;
import java.util.Optional;
import org.xcpbalancer.core.settings.SettingKeys;
import org.xcpbalancer.core.settings.Settings;

/** The guard.* settings (SettingKeys, docs/guard.md "Settings"), read once. */
public record GuardSettings(int deadChecks, Duration probeTimeout, Duration hostMetricsStaleAfter,
        Optional<String> fenceCommand, Duration fenceTimeout, Duration vmHeartbeatTimeout, Duration ladderWait,
        Duration historyReset, Optional<String> reinstallCommand, Duration reinstallTimeout) {

    public static GuardSettings from(Settings settings) {
        return new GuardSettings(settings.get(SettingKeys.GUARD_DEAD_CHECKS), settings.get(SettingKeys.GUARD_PROBE_TIMEOUT),
                settings.get(SettingKeys.GUARD_HOST_METRICS_STALE_AFTER),
                settings.optional(SettingKeys.GUARD_FENCE_COMMAND).filter(s -> !s.isBlank()),
                settings.get(SettingKeys.GUARD_FENCE_TIMEOUT), settings.get(SettingKeys.GUARD_VM_HEARTBEAT_TIMEOUT),
                settings.get(SettingKeys.GUARD_LADDER_WAIT), settings.get(SettingKeys.GUARD_HISTORY_RESET),
                settings.optional(SettingKeys.GUARD_REINSTALL_COMMAND).filter(s -> !s.isBlank()),
                settings.get(SettingKeys.GUARD_REINSTALL_TIMEOUT));
    }
}
