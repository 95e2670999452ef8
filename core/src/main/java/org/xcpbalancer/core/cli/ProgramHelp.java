package org.xcpbalancer.core.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every program's --help and --version say beyond its own options: the exit codes, from {@link ExitCode}
 * (the single list; the README repeats it), and the version and commit from {@link BuildInfo}.
 */
public final class ProgramHelp {
    public static final String EXIT_CODES_HEADING = "Exit codes:";

    private ProgramHelp() {
    }

    /** Adds the exit code list and the version to a program's command (done by {@link Launcher}). */
    public static void apply(String programName, CommandSpec spec) {
        BuildInfo build = BuildInfo.current();
        spec.versionProvider(() -> new String[] {build.versionLine(programName)});
        spec.usageMessage().exitCodeListHeading(EXIT_CODES_HEADING + "%n").exitCodeList(exitCodes());
    }

    /** Code to summary, in code order: "0" -> "ok", "3" -> "pool unreachable". */
    public static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        for (ExitCode code : ExitCode.values()) {
            codes.put(Integer.toString(code.code()), code.summary());
        }
        return codes;
    }
}
