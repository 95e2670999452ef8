package org.xcpbalancer.control.mode;

import java.time.Instant;
import java.util.Objects;
import org.xcpbalancer.core.settings.SettingKeys;
import org.xcpbalancer.core.settings.Settings;

/**
 * Which mode is in force at an instant: control.mode. (control.schedule and control.freezeWindows extend it.)
 */
public final class ControlCalendar {
    /** Performance at every instant: the behaviour before modes existed (tests, benchmarks). */
    public static final ControlCalendar ALWAYS_PERFORMANCE = new ControlCalendar(ControlMode.PERFORMANCE);

    private final ControlMode defaultMode;

    public ControlCalendar(ControlMode defaultMode) {
        this.defaultMode = Objects.requireNonNull(defaultMode);
    }

    public static ControlCalendar from(Settings settings) {
        return new ControlCalendar(ControlMode.fromSetting(settings.get(SettingKeys.CONTROL_MODE)));
    }

    /** The mode in force at this instant. */
    public ControlMode modeAt(Instant instant) {
        return defaultMode;
    }
}
