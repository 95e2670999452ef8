package org.xcpbalancer.core.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders settings.properties.example from {@link SettingKeys}, so the documented defaults are the real ones.
 * Regenerate with: {@code mvn -q -pl core compile exec:java -Dexec.mainClass=org.xcpbalancer.core.settings.SettingsExample
 * -Dexec.args=settings.properties.example} (a test fails when the file is out of date).
 */
public final class SettingsExample {
    private static final Map<String, String> SECTION_TITLES = Map.of(
            "xapi", "The pool master (xcp-collect, xcp-control)",
            "db", "The database (every program)",
            "collect", "xcp-collect",
            "control", "xcp-control",
            "density", "xcp-control in density mode (docs/control.md, \"Density mode\")",
            "service", "xcp-service (docs/operations.md, \"The service\")",
            "manager", "xcp-manager");
    private static final Map<String, String> EXAMPLES = Map.of(
            "xapi.url", "https://xcp-master.example.com",
            "xapi.password", "change-me",
            "db.url", "jdbc:mysql://localhost:3306/Xen",
            "db.password", "change-me");

    private SettingsExample() {
    }

    public static String render() {
        StringBuilder out = new StringBuilder();
        out.append("# xcp-balancer settings: one file for every program, given as --settings FILE\n")
                .append("# (default ./settings.properties). Every key is listed with its default; a line left\n")
                .append("# commented out keeps the default. Any key can be overridden by an environment variable:\n")
                .append("# XCP_ and the key in upper case with underscores (xapi.password -> XCP_XAPI_PASSWORD).\n")
                .append("# Durations take a unit: 500ms, 90s, 30m, 1h, 7d.\n")
                .append("# The original tool's keys XenHost, XenUsr, XenPass, MysqlHost, MysqlUsr, MysqlPass are\n")
                .append("# still read (MysqlHost means database Xen on port 3306; XenHost without a scheme means http).\n")
                .append("# Keep this file private (chmod 600) when it holds a password.\n");
        String section = "";
        for (SettingKey<?> key : SettingKeys.all().values()) {
            if (!key.section().equals(section)) {
                section = key.section();
                out.append("\n# ---- ").append(SECTION_TITLES.getOrDefault(section, section)).append(" ----\n");
            }
            out.append("\n# ").append(key.description()).append('\n');
            String example = EXAMPLES.get(key.name());
            if (example != null) {
                out.append(key.name()).append('=').append(example).append('\n');
            } else if (key.defaultText() == null) {
                out.append("# ").append(key.name()).append("=\n");
            } else {
                out.append("# ").append(key.name()).append('=').append(key.defaultText()).append('\n');
            }
        }
        return out.toString();
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "settings.properties.example");
        Files.writeString(target, render(), StandardCharsets.UTF_8);
    }
}
