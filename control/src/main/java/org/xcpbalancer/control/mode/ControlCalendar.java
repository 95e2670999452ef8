package org.xcpbalancer.control.mode;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.core.settings.SettingKeys;
import org.xcpbalancer.core.settings.Settings;
import org.xcpbalancer.core.settings.WeeklyWindow;

/**
 * When the controller does what: the mode in force at an instant (control.mode, switched by control.schedule)
 * and whether a freeze window (control.freezeWindows) is open, both read on the wall clock of control.timeZone.
 * The settings loader has checked every window, so nothing here fails on bad input.
 */
public final class ControlCalendar {
    /** Performance at every instant, never frozen: the behaviour before modes existed (tests, benchmarks). */
    public static final ControlCalendar ALWAYS_PERFORMANCE = new ControlCalendar(ControlMode.PERFORMANCE, List.of(),
            List.of(), ZoneId.of("UTC"));

    private final ControlMode defaultMode;
    private final List<WeeklyWindow> schedule;
    private final List<WeeklyWindow> freezeWindows;
    private final ZoneId zone;

    public ControlCalendar(ControlMode defaultMode, List<WeeklyWindow> schedule, List<WeeklyWindow> freezeWindows,
            ZoneId zone) {
        this.defaultMode = Objects.requireNonNull(defaultMode);
        this.schedule = List.copyOf(schedule);
        this.freezeWindows = List.copyOf(freezeWindows);
        this.zone = Objects.requireNonNull(zone);
    }

    public static ControlCalendar from(Settings settings) {
        return new ControlCalendar(ControlMode.fromSetting(settings.get(SettingKeys.CONTROL_MODE)),
                settings.optional(SettingKeys.CONTROL_SCHEDULE).orElse(List.of()),
                settings.optional(SettingKeys.CONTROL_FREEZE_WINDOWS).orElse(List.of()),
                settings.optional(SettingKeys.CONTROL_TIME_ZONE).orElse(ZoneId.systemDefault()));
    }

    /** The mode in force at this instant: the first control.schedule entry that holds it, else control.mode. */
    public ControlMode modeAt(Instant instant) {
        return scheduleEntryAt(instant).map(w -> ControlMode.fromSetting(w.label())).orElse(defaultMode);
    }

    /** The control.schedule entry in force, or empty when control.mode holds. */
    public Optional<WeeklyWindow> scheduleEntryAt(Instant instant) {
        return schedule.stream().filter(w -> w.contains(instant, zone)).findFirst();
    }

    /** The open freeze window, or empty when launches are allowed. */
    public Optional<WeeklyWindow> freezeAt(Instant instant) {
        return freezeWindows.stream().filter(w -> w.contains(instant, zone)).findFirst();
    }

    /**
     * "density (control.schedule 'density Mon-Fri 22:00-06:00' in Europe/Paris)" or "performance (control.mode)":
     * the mode and why, for the dry run's header and SHOW STATUS.
     */
    public String describeModeAt(Instant instant) {
        return modeAt(instant).settingValue() + scheduleEntryAt(instant)
                .map(w -> " (control.schedule '" + w + "' in " + zone.getId() + ")").orElse(" (control.mode)");
    }

    /** "freeze window 'Sat 01:00-05:00' (control.freezeWindows, Europe/Paris)". */
    public String describeFreeze(WeeklyWindow window) {
        return "freeze window '" + window + "' (control.freezeWindows, " + zone.getId() + ")";
    }

    /** The lines a dry run prints: "Mode: density (...)" and, while one is open, the freeze window. */
    public List<String> describe(Instant instant) {
        List<String> lines = new ArrayList<>();
        lines.add("Mode: " + describeModeAt(instant));
        freezeAt(instant).ifPresent(w -> lines.add("Frozen: " + describeFreeze(w) + " is open: nothing is launched"));
        return lines;
    }

    /**
     * One FROZEN decision naming the open freeze window, or empty when none is open.
     *
     * @param waiting the hosts whose evacuation waits for the window's end, by name
     */
    public Optional<Decision> frozenDecision(Instant instant, List<String> waiting) {
        return freezeAt(instant).map(w -> Decision.of(DecisionAction.FROZEN, describeFreeze(w)
                + " is open: nothing is launched this run (balancing, repair, density"
                + (waiting.isEmpty() ? ", evacuation)" : "); the evacuation of " + String.join(", ", waiting)
                + " waits for its end")));
    }

    public ZoneId zone() {
        return zone;
    }
}
