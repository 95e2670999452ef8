package org.xcpbalancer.core.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every executable takes; mix into a picocli command with {@code @Mixin CommonOptions common;}. */
public class CommonOptions {
    public static final String DEFAULT_SETTINGS_FILE = "settings.properties";
    static final String MIGRATE = "--migrate";

    @Option(names = "--settings", paramLabel = "FILE", defaultValue = DEFAULT_SETTINGS_FILE,
            description = "Settings file (default: ${DEFAULT-VALUE}). See settings.properties.example.")
    private Path settingsFile;

    @Option(names = "--debug", description = "Log at debug level and print stack traces of errors.")
    private boolean debug;

    @Mixin
    private LogFormatOption logFormat;

    /** Read by Launcher after parsing, for every database the program opens (see Database.runFlywayAtEveryOpen). */
    @Option(names = MIGRATE, description = "Run Flyway at start even when the schema looks current: it validates the"
            + " applied migrations against this version's (checksums, none missing or failed) and applies any missing"
            + " one; on a current schema it changes nothing. Without it Flyway runs only when a migration is missing.")
    private boolean migrate;

    public Path settingsFile() {
        return settingsFile;
    }

    public boolean debug() {
        return debug;
    }
}
