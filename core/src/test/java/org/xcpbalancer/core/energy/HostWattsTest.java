package org.xcpbalancer.core.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.settings.Settings;
import org.xcpbalancer.core.settings.SettingsLoader;

class HostWattsTest {
    @TempDir
    Path dir;

    private Settings settings(String... lines) throws IOException {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return new SettingsLoader(Map.of()).read(file);
    }

    @Test
    void listedHostsHaveTheirWattsAndOthersTheDefaults() throws IOException {
        HostWatts watts = HostWatts.from(settings("density.hostWatts=Host1=120/350, big host=200.5/600",
                "density.idleWatts=90"));

        assertThat(watts.of("Host1")).isEqualTo(new HostWatts.Watts(120, 350));
        assertThat(watts.of("big host")).isEqualTo(new HostWatts.Watts(200.5, 600));
        assertThat(watts.of("Host2")).isEqualTo(new HostWatts.Watts(90, 300));
        assertThat(watts.of("Host1").at(0.5)).isEqualTo(235.0);
        assertThat(watts.of("Host1").at(Double.NaN)).isEqualTo(120.0);
        assertThat(HostWatts.defaults().of("any")).isEqualTo(new HostWatts.Watts(100, 300));
    }

    @Test
    void aBadEntryIsOneLineNamingKeyAndEntryWithExitCode2() throws IOException {
        for (String[] bad : new String[][] {
                {"density.hostWatts=Host1=120", "'Host1=120' is not HOST=IDLE/MAX (e.g. Host1=120/350)"},
                {"density.hostWatts=Host1=abc/300", "'Host1=abc/300': IDLE and MAX must be numbers of watts"},
                {"density.hostWatts=Host1=300/100", "'Host1=300/100': expected 0 <= IDLE <= MAX <= 100000 watts"},
                {"density.hostWatts=Host1=1/2, Host1=3/4", "host 'Host1' is listed twice"}}) {
            Settings read = settings(bad[0]);
            assertThatThrownBy(() -> HostWatts.from(read)).isInstanceOf(UserFacingException.class)
                    .hasMessageContaining("density.hostWatts: " + bad[1]).hasMessageNotContaining("\n")
                    .satisfies(e -> assertThat(((UserFacingException) e).exitCode()).isEqualTo(ExitCode.BAD_INPUT));
        }
        Settings inverted = settings("density.idleWatts=400");
        assertThatThrownBy(() -> HostWatts.from(inverted)).hasMessageContaining(
                "density.maxWatts: 300 is less than density.idleWatts 400");
    }
}
