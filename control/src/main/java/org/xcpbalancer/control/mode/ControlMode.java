package org.xcpbalancer.control.mode;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How the controller plans in a run (control.mode, switched by control.schedule): PERFORMANCE spreads the load
 * so every host stays under its rules (the behaviour before modes existed); DENSITY also consolidates VMs onto
 * fewer hosts and may power the emptied ones off (the density strategy), as XenServer WLB's two modes.
 */
public enum ControlMode {
    PERFORMANCE,
    DENSITY;

    /** The word the settings use: "performance", "density". */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every word the settings accept, in order. */
    public static List<String> settingValues() {
        return Arrays.stream(values()).map(ControlMode::settingValue).toList();
    }

    /** The mode a settings word names, ignoring case; IllegalArgumentException naming the accepted words. */
    public static ControlMode fromSetting(String text) {
        for (ControlMode mode : values()) {
            if (mode.settingValue().equalsIgnoreCase(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a mode; expected one of " + String.join(", ", settingValues()));
    }
}
