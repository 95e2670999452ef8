package org.xcpbalancer.control.mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xcpbalancer.control.TestSettings;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;

/**
 * control.schedule, control.freezeWindows and control.timeZone: the mode and freeze in force at instants around
 * each boundary, in a zone with daylight saving time (Europe/Berlin: UTC+1 in winter, UTC+2 from the last Sunday
 * of March, 2026-03-29 02:00 -> 03:00), and every malformed setting refused in one line with exit 2.
 */
class ControlCalendarTest {
    private static final ControlCalendar BERLIN = ControlCalendar.from(TestSettings.of(
            "control.schedule=density Mon-Fri 22:00-06:00, density Sat-Sun 00:00-24:00",
            "control.freezeWindows=Sun 01:00-05:00, Wed 23:30-00:30",
            "control.timeZone=Europe/Berlin"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // Friday 2026-03-27, winter time (UTC+1): density ends 06:00 local = 05:00 UTC
            "2026-03-27T04:59:59Z, DENSITY",
            "2026-03-27T05:00:00Z, PERFORMANCE",
            // and starts again at 22:00 local = 21:00 UTC, into the weekend entry
            "2026-03-27T20:59:59Z, PERFORMANCE",
            "2026-03-27T21:00:00Z, DENSITY",
            "2026-03-28T12:00:00Z, DENSITY",
            // Tuesday 2026-03-31, summer time (UTC+2): Monday night's window ends at 06:00 = 04:00 UTC
            "2026-03-31T03:59:59Z, DENSITY",
            "2026-03-31T04:00:00Z, PERFORMANCE",
            // Monday 00:00-06:00 would be Sunday night's window; Sunday is not in Mon-Fri
            "2026-03-30T03:59:59Z, PERFORMANCE",
            "2026-03-30T19:59:59Z, PERFORMANCE",
            "2026-03-30T20:00:00Z, DENSITY",
            // Friday night crosses midnight into Saturday: density all along
            "2026-04-03T23:30:00Z, DENSITY",
            // Sunday 24:00 ends the weekend entry; a window belongs to the day it starts on, so Monday 00:00-06:00
            // would be Sunday night's 22:00 window, and Sunday is not in Mon-Fri: performance from Monday 00:00
            "2026-04-05T21:59:59Z, DENSITY",
            "2026-04-05T22:00:00Z, PERFORMANCE"
    })
    void theScheduleSwitchesAtItsBoundariesOnTheZonesWallClock(String instant, ControlMode expected) {
        assertThat(BERLIN.modeAt(Instant.parse(instant))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} frozen: {1}")
    @CsvSource({
            // Sunday 2026-03-29: 01:00 CET = 00:00 UTC; 05:00 CEST = 03:00 UTC (the skipped hour shortens the window)
            "2026-03-28T23:59:59Z, false",
            "2026-03-29T00:00:00Z, true",
            "2026-03-29T02:59:59Z, true",
            "2026-03-29T03:00:00Z, false",
            // Wednesday 2026-04-01 23:30 CEST = 21:30 UTC, to Thursday 00:30 = 22:30 UTC (crossing midnight)
            "2026-04-01T21:29:59Z, false",
            "2026-04-01T21:30:00Z, true",
            "2026-04-01T22:29:59Z, true",
            "2026-04-01T22:30:00Z, false"
    })
    void freezeWindowsOpenAndCloseOnTheWallClockAcrossDstAndMidnight(String instant, boolean frozen) {
        assertThat(BERLIN.freezeAt(Instant.parse(instant)).isPresent()).isEqualTo(frozen);
    }

    @Test
    void theModeAndTheFreezeAreDescribedWithTheEntryThatDecidedThem() {
        assertThat(BERLIN.describeModeAt(Instant.parse("2026-03-31T03:00:00Z")))
                .isEqualTo("density (control.schedule 'density Mon+Tue+Wed+Thu+Fri 22:00-06:00' in Europe/Berlin)");
        assertThat(BERLIN.describeModeAt(Instant.parse("2026-03-30T12:00:00Z"))).isEqualTo("performance (control.mode)");
        assertThat(BERLIN.describeFreeze(BERLIN.freezeAt(Instant.parse("2026-03-29T01:00:00Z")).orElseThrow()))
                .isEqualTo("freeze window 'Sun 01:00-05:00' (control.freezeWindows, Europe/Berlin)");
    }

    @Test
    void withoutAScheduleControlModeHoldsAtEveryInstant() {
        ControlCalendar density = ControlCalendar.from(TestSettings.of("control.mode=density"));
        assertThat(density.modeAt(Instant.parse("2026-03-30T03:00:00Z"))).isEqualTo(ControlMode.DENSITY);
        assertThat(density.freezeAt(Instant.parse("2026-03-30T03:00:00Z"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "control.schedule=density Mon-Fri|entry 'density Mon-Fri' is not performance|density DAYS HH:MM-HH:MM; expected performance|density DAYS HH:MM-HH:MM, comma-separated, e.g. 'density Mon-Fri 22:00-06:00'; DAYS is Mon, Mon-Fri, Sat+Sun or daily",
            "control.schedule=green Mon-Fri 22:00-06:00|entry 'green Mon-Fri 22:00-06:00': 'green' is not one of performance, density; expected",
            "control.schedule=density Mon-Fry 22:00-06:00|entry 'density Mon-Fry 22:00-06:00': 'Fry' is not a week day (Mon, Tue, Wed, Thu, Fri, Sat, Sun); expected",
            "control.schedule=density Mon-Fri 25:00-06:00|entry 'density Mon-Fri 25:00-06:00': '25:00' is not a time of day (00:00 to 23:59); expected",
            "control.schedule=density Mon-Fri 22:00|entry 'density Mon-Fri 22:00': '22:00' is not HH:MM-HH:MM; expected",
            "control.schedule=density Mon-Fri 10pm-6am|entry 'density Mon-Fri 10pm-6am': '10pm' is not a time HH:MM; expected",
            "control.schedule=density Mon 22:00-22:00|entry 'density Mon 22:00-22:00' starts and ends at 22:00 (an empty window); expected",
            "control.schedule=density Mon 22:00-06:00,|has an empty entry; expected",
            "control.freezeWindows=Sat 01:00-05:00 backups|entry 'Sat 01:00-05:00 backups' is not DAYS HH:MM-HH:MM; expected DAYS HH:MM-HH:MM, comma-separated, e.g. 'Mon-Fri 22:00-06:00'",
            "control.freezeWindows=Sat 01:00-24:30|entry 'Sat 01:00-24:30': '24:30' is not a time of day (00:00 to 23:59, or 24:00 as an end); expected",
            "control.timeZone=Europe/Paree|is not a time zone; expected a region such as Europe/Paris, or UTC"
    })
    void everyBadFormIsOneLineWithKeyValueAndTheExpectedFormAndExit2(String line, String expected) {
        String key = line.substring(0, line.indexOf('='));
        String value = line.substring(line.indexOf('=') + 1);
        assertThatThrownBy(() -> TestSettings.of(line)).isInstanceOfSatisfying(UserFacingException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(e.getMessage()).doesNotContain("\n").contains(key + ": '" + value.trim() + "' " + expected);
        });
    }
}
