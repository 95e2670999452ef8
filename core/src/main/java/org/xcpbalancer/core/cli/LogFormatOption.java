package org.xcpbalancer.core.cli;

import org.xcpbalancer.core.log.LogFormat;
import picocli.CommandLine.Option;

/**
 * --log-format, part of {@link CommonOptions}; a program without them (xcp-sim) mixes in this alone with
 * {@code @Mixin LogFormatOption}. Launcher reads the value before parsing (see Launcher.logFormat) so that the very
 * first line has its form; the option is declared here for --help and for picocli's check of the value.
 */
public class LogFormatOption {
    static final String NAME = "--log-format";

    @Option(names = NAME, paramLabel = "text|json", defaultValue = "text",
            description = "Form of the lines written to a file or pipe: text (each line starts with an ISO-8601"
                    + " timestamp) or json (one object a line: time, level, program, pool, message). Default: ${DEFAULT-VALUE}.")
    private LogFormat logFormat;
}
