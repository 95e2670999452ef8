package org.xcpbalancer.core.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One settings key: its name, default, unit and description, and how its text becomes a checked value. The
 * parser throws IllegalArgumentException with the tail of the error line ("is negative; expected ..."), which
 * the loader prefixes with the file, the key and the value.
 */
public final class SettingKey<T> {
    private final String name;
    private final String section;
    private final String defaultText;
    private final String description;
    private final boolean secret;
    private final Function<String, T> parser;

    private SettingKey(String name, String section, String defaultText, String description, boolean secret,
            Function<String, T> parser) {
        this.name = Objects.requireNonNull(name);
        this.section = section;
        this.defaultText = defaultText;
        this.description = description;
        this.secret = secret;
        this.parser = parser;
    }

    public String name() {
        return name;
    }

    /** The part of the name before the first dot: xapi, db, collect, control, manager. */
    public String section() {
        return section;
    }

    /** The default as written in settings.properties.example, or null where there is none. */
    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
    }

    public boolean isSecret() {
        return secret;
    }

    /** The environment variable that overrides this key: xapi.passwordFile -> XCP_XAPI_PASSWORD_FILE. */
    public String environmentVariable() {
        return "XCP_" + name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase();
    }

    T parse(String text) {
        return parser.apply(text.trim());
    }

    @Override
    public String toString() {
        return name;
    }

    // ---- factories, one per kind of value ----

    static SettingKey<String> string(String name, String defaultText, String description) {
        return new SettingKey<>(name, sectionOf(name), defaultText, description, false, text -> {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("is empty");
            }
            return text;
        });
    }

    static SettingKey<Secret> secret(String name, String description) {
        return new SettingKey<>(name, sectionOf(name), null, description, true, Secret::of);
    }

    static SettingKey<Path> path(String name, String defaultText, String description) {
        return new SettingKey<>(name, sectionOf(name), defaultText, description, false, text -> {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("is empty; expected a file path");
            }
            String expanded = text.startsWith("~/") ? System.getProperty("user.home") + text.substring(1) : text;
            return Path.of(expanded);
        });
    }

    static SettingKey<URI> httpUrl(String name, String description) {
        return new SettingKey<>(name, sectionOf(name), null, description, false, text -> {
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme();
                if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                        || uri.getHost() == null) {
                    throw new IllegalArgumentException("is not an http or https URL; expected https://HOST or http://HOST[:PORT]");
                }
                if (uri.getUserInfo() != null) {
                    throw new IllegalArgumentException("must not contain a user or password; use xapi.username and xapi.password");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("is not a URL; expected https://HOST or http://HOST[:PORT]");
            }
        });
    }

    static SettingKey<String> jdbcUrl(String name, String description) {
        return new SettingKey<>(name, sectionOf(name), null, description, false, text -> {
            if (!text.startsWith("jdbc:mysql:") || text.length() <= "jdbc:mysql://".length()) {
                throw new IllegalArgumentException("is not a MySQL JDBC URL; expected jdbc:mysql://HOST[:PORT]/DATABASE");
            }
            return text;
        });
    }

    static SettingKey<Duration> duration(String name, Duration defaultValue, Duration min, Duration max,
            String description) {
        return new SettingKey<>(name, sectionOf(name), DurationFormat.format(defaultValue), description, false, text -> {
            Duration value = DurationFormat.parse(text);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException("is out of range; allowed " + DurationFormat.format(min) + " to "
                        + DurationFormat.format(max));
            }
            return value;
        });
    }

    static SettingKey<Integer> integer(String name, int defaultValue, int min, int max, String unit,
            String description) {
        return new SettingKey<>(name, sectionOf(name), Integer.toString(defaultValue), description, false, text -> {
            int value;
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("is not a whole number; expected " + min + " to " + max + " " + unit);
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("is out of range; allowed " + min + " to " + max + " " + unit);
            }
            return value;
        });
    }

    static SettingKey<Double> decimal(String name, double defaultValue, double min, double max, String unit,
            String description) {
        return new SettingKey<>(name, sectionOf(name), trim(defaultValue), description, false, text -> {
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("is not a number; expected " + trim(min) + " to " + trim(max) + " " + unit);
            }
            if (!Double.isFinite(value) || value < min || value > max) {
                throw new IllegalArgumentException("is out of range; allowed " + trim(min) + " to " + trim(max) + " " + unit);
            }
            return value;
        });
    }

    static SettingKey<Boolean> bool(String name, boolean defaultValue, String description) {
        return new SettingKey<>(name, sectionOf(name), Boolean.toString(defaultValue), description, false, text -> {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("yes")) {
                return true;
            }
            if (text.equalsIgnoreCase("false") || text.equalsIgnoreCase("no")) {
                return false;
            }
            throw new IllegalArgumentException("is not true or false");
        });
    }

    /** One word of a fixed list, ignoring case; the value is the word as the list spells it. */
    static SettingKey<String> oneOf(String name, String defaultText, List<String> allowed, String description) {
        return new SettingKey<>(name, sectionOf(name), defaultText, description, false, text -> allowed.stream()
                .filter(word -> word.equalsIgnoreCase(text)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                        "is not one of the accepted words; expected " + String.join(" or ", allowed))));
    }

    /** A time zone region (Europe/Paris) or UTC; no default means the system's. */
    static SettingKey<java.time.ZoneId> timeZone(String name, String description) {
        return new SettingKey<>(name, sectionOf(name), null, description, false, text -> {
            try {
                return java.time.ZoneId.of(text);
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("is not a time zone; expected a region such as Europe/Paris, or UTC");
            }
        });
    }

    /** Comma-separated {@link WeeklyWindow}s, each led by one of the labels when there are any; empty means none. */
    static SettingKey<List<WeeklyWindow>> weeklyWindows(String name, List<String> labels, String description) {
        return new SettingKey<>(name, sectionOf(name), "", description, false, text -> WeeklyWindow.parseList(text, labels));
    }

    /** A comma-separated list; empty means none. */
    static SettingKey<List<String>> list(String name, String description) {
        return new SettingKey<>(name, sectionOf(name), "", description, false, text -> text.isEmpty() ? List.of()
                : Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    private static String sectionOf(String name) {
        return name.substring(0, name.indexOf('.'));
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
