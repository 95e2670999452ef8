package org.xcpbalancer.core.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every executable takes; mix into a picocli command with {@code @Mixin CommonOptions common;}. */
public class CommonOptions {
    public static final String DEFAULT_SETTINGS_FILE = "settings.properties";

    @Option(names = "--settings", paramLabel = "FILE", defaultValue = DEFAULT_SETTINGS_FILE,
            description = "Settings file (default: ${DEFAULT-VALUE}). See settings.properties.example.")
    private Path settingsFile;

    @Option(names = "--debug", description = "Log at debug level and print stack traces of errors.")
    private boolean debug;

    public Path settingsFile() {
        return settingsFile;
    }

    public boolean debug() {
        return debug;
    }
}
