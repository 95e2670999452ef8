package org.xcpbalancer.core.settings;

import java.io.IOException;
import java.io.BufferedReader;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xcpbalancer.core.cli.CredentialMask;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.InputEcho;
import org.xcpbalancer.core.cli.UserFacingException;

/**
 * Reads and validates a settings file once, at start. Every problem is one line naming the file (or the
 * environment variable) and the key, with exit code 2. Secrets are never echoed.
 *
 * <p>Order of precedence: environment variables (XCP_XAPI_PASSWORD for xapi.password, ...) over the file over
 * the defaults. The original tool's keys (XenHost, XenUsr, XenPass, MysqlHost, MysqlUsr, MysqlPass) are read too.
 */
public final class SettingsLoader {
    /** What a program needs from the settings; decides which keys are required. */
    public enum Need { XAPI, DATABASE }

    private final Map<String, String> environment;

    public SettingsLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Loads with the process environment. */
    public static Settings load(Path file, Need... needs) {
        return new SettingsLoader(System.getenv()).read(file, needs);
    }

    public Settings read(Path file, Need... needs) {
        String fileName = file.toString();
        List<SettingsFile.Entry> entries = readEntries(file, fileName);
        List<String> warnings = new ArrayList<>();

        // raw text per key, where it came from (for messages) and on which line of the file
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, String> origin = new LinkedHashMap<>();
        Map<String, SettingsFile.Entry> setBy = new LinkedHashMap<>();
        for (SettingsFile.Entry entry : entries) {
            String name = entry.key();
            String key;
            String value = entry.value();
            if (SettingKeys.all().containsKey(name)) {
                key = name;
            } else if (LegacySettings.isLegacy(name)) {
                LegacySettings.Translation translation = LegacySettings.translate(name, value);
                key = translation.key();
                value = translation.value();
            } else {
                throw bad(fileName + ": unknown key '" + InputEcho.shown(name) + "'" + suggestion(name));
            }
            SettingsFile.Entry earlier = setBy.putIfAbsent(key, entry);
            if (earlier != null) {
                throw bad(fileName + ": " + key + " is set twice (" + twice(earlier, entry) + "); keep one");
            }
            raw.put(key, value);
            origin.put(key, fileName + ": " + name);
        }
        for (SettingKey<?> key : SettingKeys.all().values()) {
            String fromEnvironment = environment.get(key.environmentVariable());
            if (fromEnvironment != null) {
                raw.put(key.name(), fromEnvironment);
                origin.put(key.name(), "environment variable " + key.environmentVariable());
            }
        }

        readPasswordFile(raw, origin, SettingKeys.XAPI_PASSWORD_FILE, SettingKeys.XAPI_PASSWORD, warnings);
        readPasswordFile(raw, origin, SettingKeys.DB_PASSWORD_FILE, SettingKeys.DB_PASSWORD, warnings);

        Map<String, Object> values = new LinkedHashMap<>();
        for (SettingKey<?> key : SettingKeys.all().values()) {
            String text = raw.get(key.name());
            String where = origin.getOrDefault(key.name(), fileName + ": " + key.name());
            if (text == null) {
                if (key.defaultText() != null) {
                    values.put(key.name(), key.parse(key.defaultText()));
                }
                continue;
            }
            try {
                values.put(key.name(), key.parse(text));
            } catch (IllegalArgumentException e) {
                String shown = key.isSecret() ? "" : " '" + InputEcho.shown(CredentialMask.mask(text.trim())) + "'";
                throw bad(where + ":" + shown + " " + e.getMessage());
            }
        }

        for (Need need : needs) {
            requireFor(need, values, fileName);
        }
        if (holdsPassword(entries) && readableByOthers(file)) {
            warnings.add(fileName + " holds a password and other users can read it; run: chmod 600 " + fileName);
        }
        Object url = values.get(SettingKeys.XAPI_URL.name());
        if (url instanceof URI uri && "http".equalsIgnoreCase(uri.getScheme()) && !isLoopback(uri.getHost())) {
            warnings.add("xapi.url uses plain http: the XAPI password crosses the network unencrypted; prefer https");
        }
        return new Settings(file, values, warnings);
    }

    /** "lines 3 and 9", or "XenHost on line 1 and xapi.url on line 2" when two names mean one key. */
    private static String twice(SettingsFile.Entry first, SettingsFile.Entry second) {
        if (first.key().equals(second.key())) {
            return "lines " + first.lineNumber() + " and " + second.lineNumber();
        }
        return first.key() + " on line " + first.lineNumber() + " and " + second.key() + " on line "
                + second.lineNumber();
    }

    private static List<SettingsFile.Entry> readEntries(Path file, String fileName) {
        if (!Files.exists(file)) {
            throw bad(fileName + ": settings file not found (copy settings.properties.example to it, or give --settings FILE)");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw bad(fileName + ": settings file cannot be read");
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return SettingsFile.parse(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw bad(fileName + ": settings file cannot be read: " + e.getMessage());
        }
    }

    private void readPasswordFile(Map<String, String> raw, Map<String, String> origin, SettingKey<Path> fileKey,
            SettingKey<Secret> passwordKey, List<String> warnings) {
        String fileText = raw.get(fileKey.name());
        if (fileText == null || fileText.isBlank()) {
            return;
        }
        String where = origin.get(fileKey.name());
        if (raw.containsKey(passwordKey.name())) {
            throw bad(where + " and " + passwordKey.name() + " are both set; keep one");
        }
        Path passwordFile = fileKey.parse(fileText);
        try {
            List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
            raw.put(passwordKey.name(), lines.isEmpty() ? "" : lines.get(0));
            origin.put(passwordKey.name(), where);
        } catch (IOException e) {
            throw bad(where + ": '" + passwordFile + "' cannot be read");
        }
        if (readableByOthers(passwordFile)) {
            warnings.add(passwordFile + " holds a password and other users can read it; run: chmod 600 " + passwordFile);
        }
    }

    private static void requireFor(Need need, Map<String, Object> values, String fileName) {
        switch (need) {
            case XAPI -> {
                require(values, SettingKeys.XAPI_URL, fileName, "the pool master to read, e.g. https://xcp-master.example.com");
                if (!values.containsKey(SettingKeys.XAPI_PASSWORD.name())) {
                    throw bad(fileName + ": xapi.password is missing (set xapi.password, xapi.passwordFile or XCP_XAPI_PASSWORD)");
                }
            }
            case DATABASE -> require(values, SettingKeys.DB_URL, fileName, "e.g. jdbc:mysql://localhost:3306/Xen");
            default -> throw new IllegalArgumentException(need.toString());
        }
    }

    private static void require(Map<String, Object> values, SettingKey<?> key, String fileName, String hint) {
        if (!values.containsKey(key.name())) {
            throw bad(fileName + ": " + key.name() + " is missing (" + hint + ")");
        }
    }

    private static boolean holdsPassword(List<SettingsFile.Entry> entries) {
        return entries.stream().map(SettingsFile.Entry::key).anyMatch(name -> {
            SettingKey<?> key = SettingKeys.all().get(name);
            return (key != null && key.isSecret()) || LegacySettings.isSecret(name);
        });
    }

    static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return host != null && (host.equals("localhost") || InetAddress.getByName(host).isLoopbackAddress());
        } catch (IOException e) {
            return false;
        }
    }

    private static String suggestion(String name) {
        return SettingKeys.all().keySet().stream()
                .min(Comparator.comparingInt(known -> distance(known.toLowerCase(), name.toLowerCase())))
                .filter(best -> distance(best.toLowerCase(), name.toLowerCase()) <= 3)
                .map(best -> " (did you mean '" + best + "'?)")
                .orElse(" (see settings.properties.example for every key)");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static UserFacingException bad(String message) {
        return new UserFacingException(ExitCode.BAD_INPUT, message);
    }
}
