package org.xcpbalancer.collector;

import java.time.Duration;
import org.xcpbalancer.core.settings.SettingKeys;
import org.xcpbalancer.core.settings.Settings;

/** The collect.* settings. */
public record CollectorSettings(Duration rrdTimeout, Duration rawRetention, Duration hourlyRetention) {

    public static CollectorSettings from(Settings settings) {
        return new CollectorSettings(settings.get(SettingKeys.COLLECT_RRD_TIMEOUT),
                settings.get(SettingKeys.COLLECT_RAW_RETENTION), settings.get(SettingKeys.COLLECT_HOURLY_RETENTION));
    }

    /** The documented defaults (settings.properties.example). */
    public static CollectorSettings defaults() {
        return new CollectorSettings(Duration.ofSeconds(10), Duration.ofDays(7), Duration.ofDays(365));
    }
}
