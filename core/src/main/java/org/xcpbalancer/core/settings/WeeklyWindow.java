package org.xcpbalancer.core.settings;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A time of the week that repeats: some week days, from one wall-clock time to another, in a time zone given when
 * asked (control.schedule's "density Mon-Fri 22:00-06:00", control.freezeWindows' "Sat 01:00-05:00"). A window
 * whose end is not after its start crosses midnight: it runs from its start on each listed day to its end on the
 * next day. 24:00 is the end of the day. The clock is the zone's wall clock, so a window follows daylight saving
 * time: an hour that is skipped is not in any window, an hour that repeats is in it twice.
 *
 * @param label       the word before the days (a mode in control.schedule), or null when the setting has none
 * @param days        the days the window starts on
 * @param startMinute minutes after midnight, 0 to 1439
 * @param endMinute   minutes after midnight, 1 to 1440
 */
public record WeeklyWindow(String label, Set<DayOfWeek> days, int startMinute, int endMinute) {
    private static final int DAY = 24 * 60;

    public WeeklyWindow {
        days = Set.copyOf(days);
        if (days.isEmpty() || startMinute < 0 || startMinute >= DAY || endMinute <= 0 || endMinute > DAY
                || startMinute == endMinute) {
            throw new IllegalArgumentException("not a window: " + days + " " + startMinute + "-" + endMinute);
        }
    }

    /** Whether the instant falls in this window, read on the zone's wall clock. */
    public boolean contains(Instant instant, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
        DayOfWeek day = local.getDayOfWeek();
        int minute = local.getHour() * 60 + local.getMinute();
        if (startMinute < endMinute) {
            return days.contains(day) && minute >= startMinute && minute < endMinute;
        }
        return (days.contains(day) && minute >= startMinute) || (days.contains(day.minus(1)) && minute < endMinute);
    }

    /** "density Mon-Fri 22:00-06:00", as it would be written in the settings. */
    @Override
    public String toString() {
        return (label == null ? "" : label + " ") + daysText() + " " + clock(startMinute) + "-" + clock(endMinute);
    }

    private String daysText() {
        if (days.size() == 7) {
            return "daily";
        }
        List<String> names = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            if (days.contains(d)) {
                names.add(d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
            }
        }
        return String.join("+", names);
    }

    private static String clock(int minute) {
        return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
    }

    /**
     * Parses a comma-separated list of windows, each "[LABEL ]DAYS HH:MM-HH:MM"; empty text is no window.
     * DAYS is a day (Mon), a range (Mon-Fri, Fri-Mon wraps), days joined with + (Sat+Sun) or daily. An end of
     * 00:00 or 24:00 is the end of the day.
     *
     * @param labels the words accepted before the days (a label is then required), or empty for none
     * @throws IllegalArgumentException one line naming the entry, what is wrong and the expected form
     */
    public static List<WeeklyWindow> parseList(String text, List<String> labels) {
        String form = (labels.isEmpty() ? "" : String.join("|", labels) + " ") + "DAYS HH:MM-HH:MM, comma-separated, e.g. '"
                + (labels.isEmpty() ? "" : labels.get(labels.size() - 1) + " ") + "Mon-Fri 22:00-06:00'; DAYS is Mon, Mon-Fri,"
                + " Sat+Sun or daily";
        List<WeeklyWindow> windows = new ArrayList<>();
        if (text.isBlank()) {
            return windows;
        }
        for (String entry : text.split(",", -1)) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("has an empty entry; expected " + form);
            }
            String[] parts = trimmed.split("\\s+");
            int expected = labels.isEmpty() ? 2 : 3;
            if (parts.length != expected) {
                throw new IllegalArgumentException("entry '" + trimmed + "' is not " + form.substring(0, form.indexOf(',')) + "; expected " + form);
            }
            String label = null;
            if (!labels.isEmpty()) {
                label = labels.stream().filter(l -> l.equalsIgnoreCase(parts[0])).findFirst().orElseThrow(() ->
                        new IllegalArgumentException("entry '" + trimmed + "': '" + parts[0] + "' is not one of "
                                + String.join(", ", labels) + "; expected " + form));
            }
            Set<DayOfWeek> days = days(parts[expected - 2], trimmed, form);
            String[] times = parts[expected - 1].split("-", -1);
            if (times.length != 2) {
                throw new IllegalArgumentException("entry '" + trimmed + "': '" + parts[expected - 1]
                        + "' is not HH:MM-HH:MM; expected " + form);
            }
            int start = minute(times[0], false, trimmed, form);
            int end = minute(times[1], true, trimmed, form);
            if (start == end) {
                throw new IllegalArgumentException("entry '" + trimmed + "' starts and ends at " + times[0]
                        + " (an empty window); expected " + form);
            }
            windows.add(new WeeklyWindow(label, days, start, end));
        }
        return List.copyOf(windows);
    }

    private static Set<DayOfWeek> days(String text, String entry, String form) {
        if (text.equalsIgnoreCase("daily")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split("\\+", -1)) {
            String[] range = part.split("-", -1);
            if (range.length == 1) {
                days.add(day(range[0], entry, form));
            } else if (range.length == 2) {
                DayOfWeek from = day(range[0], entry, form);
                DayOfWeek to = day(range[1], entry, form);
                for (DayOfWeek d = from; ; d = d.plus(1)) {
                    days.add(d);
                    if (d == to) {
                        break;
                    }
                }
            } else {
                throw new IllegalArgumentException("entry '" + entry + "': '" + text + "' is not a day range; expected " + form);
            }
        }
        return days;
    }

    private static DayOfWeek day(String text, String entry, String form) {
        for (DayOfWeek d : DayOfWeek.values()) {
            String name = d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            if (name.equalsIgnoreCase(text) || d.getDisplayName(TextStyle.FULL, Locale.ENGLISH).equalsIgnoreCase(text)) {
                return d;
            }
        }
        throw new IllegalArgumentException("entry '" + entry + "': '" + text
                + "' is not a week day (Mon, Tue, Wed, Thu, Fri, Sat, Sun); expected " + form);
    }

    private static int minute(String text, boolean end, String entry, String form) {
        if (!text.matches("\\d{1,2}:\\d{2}")) {
            throw new IllegalArgumentException("entry '" + entry + "': '" + text + "' is not a time HH:MM; expected " + form);
        }
        int hour = Integer.parseInt(text.substring(0, text.indexOf(':')));
        int minute = Integer.parseInt(text.substring(text.indexOf(':') + 1));
        boolean midnightEnd = end && hour == 24 && minute == 0;
        if (!midnightEnd && (hour > 23 || minute > 59)) {
            throw new IllegalArgumentException("entry '" + entry + "': '" + text + "' is not a time of day (00:00 to 23:59"
                    + (end ? ", or 24:00 as an end" : "") + "); expected " + form);
        }
        int value = hour * 60 + minute;
        return end && value == 0 ? DAY : value;
    }
}
