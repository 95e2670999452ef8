package org.xcpbalancer.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The install commands of docs/operations.md (the block after the "install-steps" marker), rewritten to run in a
 * temporary prefix for the test's service user: /opt, /etc and /var move under the prefix, the xcp-balancer
 * user and group become the test's, useradd is left out (the test's user exists) and so is the editor.
 */
final class InstallSteps {
    static final String MARKER = "<!-- install-steps:";
    static final String DOCUMENTED_USER = "xcp-balancer";
    private static final Pattern SYSTEM_PATH = Pattern.compile("(?<![^\\s=>])/(opt|etc|var)(?=/|\\s|$)");

    private final List<String> lines;

    private InstallSteps(List<String> lines) {
        this.lines = lines;
    }

    static InstallSteps fromGuide(Path operationsGuide) throws IOException {
        List<String> guide = Files.readAllLines(operationsGuide);
        int marker = -1;
        for (int i = 0; i < guide.size() && marker < 0; i++) {
            marker = guide.get(i).startsWith(MARKER) ? i : -1;
        }
        if (marker < 0 || marker + 1 >= guide.size() || !guide.get(marker + 1).startsWith("```")) {
            throw new AssertionError(operationsGuide + " has no code block right after \"" + MARKER + "\"");
        }
        int end = marker + 2;
        while (end < guide.size() && !guide.get(end).startsWith("```")) {
            end++;
        }
        return new InstallSteps(List.copyOf(guide.subList(marker + 2, end)));
    }

    List<String> documented() {
        return lines;
    }

    /** A bash script doing the documented steps under prefix, for the given version, user and group. */
    String forPrefix(Path prefix, String version, String user, String group) {
        List<String> script = new ArrayList<>();
        for (String line : lines) {
            String command = line.trim();
            if (command.startsWith("useradd ") || command.startsWith("$EDITOR ")) {
                continue;
            }
            if (command.startsWith("version=")) {
                script.add("version=" + version);
                continue;
            }
            script.add(inPrefix(prefix, command).replace("-o " + DOCUMENTED_USER, "-o " + user)
                    .replace("-g " + DOCUMENTED_USER, "-g " + group));
        }
        return String.join("\n", script) + "\n";
    }

    /** The command with its /opt, /etc and /var paths moved under prefix. */
    static String inPrefix(Path prefix, String command) {
        return SYSTEM_PATH.matcher(command).replaceAll(Matcher.quoteReplacement(prefix.toString()) + "/$1");
    }
}
