package org.xcpbalancer.core.settings;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validated settings: every value was checked when the file was loaded ({@link SettingsLoader}), so getters
 * never fail on format. Keys without a value and without a default read as empty.
 */
public final class Settings {
    private final Path source;
    private final Map<String, Object> values;
    private final List<String> warnings;

    Settings(Path source, Map<String, Object> values, List<String> warnings) {
        this.source = source;
        this.values = Map.copyOf(values);
        this.warnings = List.copyOf(warnings);
    }

    /** The file these settings came from. */
    public Path source() {
        return source;
    }

    /** The value of a key that has a default or is required by the program's needs. */
    public <T> T get(SettingKey<T> key) {
        return optional(key).orElseThrow(() -> new IllegalStateException(key.name() + " has no value"));
    }

    @SuppressWarnings("unchecked")
    public <T> Optional<T> optional(SettingKey<T> key) {
        return Optional.ofNullable((T) values.get(key.name()));
    }

    public XapiSettings xapi() {
        return XapiSettings.from(this);
    }

    public DatabaseSettings database() {
        return DatabaseSettings.from(this);
    }

    /** Warnings found while loading (e.g. a password file others can read); never contain a secret. */
    public List<String> warnings() {
        return warnings;
    }

    public void printWarnings(String programName, PrintStream err) {
        warnings.forEach(w -> err.println(programName + ": warning: " + w));
    }
}
