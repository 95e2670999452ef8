package org.xcpbalancer.core.energy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.settings.SettingKeys;
import org.xcpbalancer.core.settings.Settings;

/**
 * What each host draws: idle watts when on and idle, max watts at full CPU, linear in between (the model of
 * SPECpower-style estimates and of the simulator). From density.hostWatts (HOST=IDLE/MAX per host name) and
 * density.idleWatts / density.maxWatts for the hosts not listed. A host that is off draws nothing.
 */
public final class HostWatts {
    /** Idle and full-load watts of one host. */
    public record Watts(double idle, double max) {
        public Watts {
            if (!(idle >= 0) || !(max >= idle) || Double.isInfinite(max)) {
                throw new IllegalArgumentException("watts must be 0 <= IDLE <= MAX: " + idle + "/" + max);
            }
        }

        /** The power at a CPU load given as a fraction 0..1 (clamped). */
        public double at(double cpuFraction) {
            double load = Double.isNaN(cpuFraction) ? 0 : Math.max(0, Math.min(1, cpuFraction));
            return idle + (max - idle) * load;
        }
    }

    private final Watts defaults;
    private final Map<String, Watts> byHostName;

    public HostWatts(Watts defaults, Map<String, Watts> byHostName) {
        this.defaults = defaults;
        this.byHostName = Map.copyOf(byHostName);
    }

    /** The default model for every host (density.idleWatts 100, density.maxWatts 300). */
    public static HostWatts defaults() {
        return new HostWatts(new Watts(Double.parseDouble(SettingKeys.DENSITY_IDLE_WATTS.defaultText()),
                Double.parseDouble(SettingKeys.DENSITY_MAX_WATTS.defaultText())), Map.of());
    }

    /** From the settings; a bad entry or a max below idle is bad input (exit code 2) named in one line. */
    public static HostWatts from(Settings settings) {
        int idle = settings.get(SettingKeys.DENSITY_IDLE_WATTS);
        int max = settings.get(SettingKeys.DENSITY_MAX_WATTS);
        if (max < idle) {
            throw bad(settings, SettingKeys.DENSITY_MAX_WATTS.name(), max + " is less than "
                    + SettingKeys.DENSITY_IDLE_WATTS.name() + " " + idle);
        }
        return new HostWatts(new Watts(idle, max), parse(settings, settings.get(SettingKeys.DENSITY_HOST_WATTS)));
    }

    static Map<String, Watts> parse(Settings settings, List<String> entries) {
        Map<String, Watts> result = new LinkedHashMap<>();
        String key = SettingKeys.DENSITY_HOST_WATTS.name();
        for (String entry : entries) {
            int eq = entry.lastIndexOf('=');
            int slash = entry.indexOf('/', Math.max(eq, 0));
            if (eq <= 0 || slash < 0) {
                throw bad(settings, key, "'" + entry + "' is not HOST=IDLE/MAX (e.g. Host1=120/350)");
            }
            String host = entry.substring(0, eq).trim();
            double idle;
            double max;
            try {
                idle = Double.parseDouble(entry.substring(eq + 1, slash).trim());
                max = Double.parseDouble(entry.substring(slash + 1).trim());
            } catch (NumberFormatException e) {
                throw bad(settings, key, "'" + entry + "': IDLE and MAX must be numbers of watts (e.g. Host1=120/350)");
            }
            if (!(idle >= 0) || !(max >= idle) || max > 100_000) {
                throw bad(settings, key, "'" + entry + "': expected 0 <= IDLE <= MAX <= 100000 watts");
            }
            if (result.put(host, new Watts(idle, max)) != null) {
                throw bad(settings, key, "host '" + host + "' is listed twice");
            }
        }
        return result;
    }

    /** The host's model: its density.hostWatts entry, else the defaults. */
    public Watts of(String hostName) {
        return hostName == null ? defaults : byHostName.getOrDefault(hostName, defaults);
    }

    private static UserFacingException bad(Settings settings, String key, String what) {
        return new UserFacingException(ExitCode.BAD_INPUT, settings.source() + ": " + key + ": " + what);
    }
}
