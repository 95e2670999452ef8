package org.xcpbalancer.core.settings;

import java.util.Map;
import java.util.Set;

/**
 * The original university tool's keys, kept so an old settings file keeps working: XenHost, XenUsr, XenPass,
 * MysqlHost, MysqlUsr, MysqlPass. Its database was always "Xen" on port 3306, and it spoke plain http to XenHost.
 */
final class LegacySettings {
    record Translation(String key, String value) {
    }

    private static final Map<String, String> KEYS = Map.of(
            "XenHost", "xapi.url",
            "XenUsr", "xapi.username",
            "XenPass", "xapi.password",
            "MysqlHost", "db.url",
            "MysqlUsr", "db.username",
            "MysqlPass", "db.password");
    private static final Set<String> SECRETS = Set.of("XenPass", "MysqlPass");

    private LegacySettings() {
    }

    static boolean isLegacy(String name) {
        return KEYS.containsKey(name);
    }

    static boolean isSecret(String name) {
        return SECRETS.contains(name);
    }

    static Translation translate(String name, String value) {
        String text = value.trim();
        return switch (name) {
            case "XenHost" -> new Translation("xapi.url", text.contains("://") ? text : "http://" + text);
            case "MysqlHost" -> new Translation("db.url", text.startsWith("jdbc:") ? text
                    : "jdbc:mysql://" + (text.contains(":") ? text : text + ":3306") + "/Xen");
            default -> new Translation(KEYS.get(name), value);
        };
    }
}
