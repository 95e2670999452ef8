package org.xcpbalancer.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The exit codes as the README's "## Exit codes" paragraph lists them ("0 ok · 1 unexpected error · ..."), and as a --help prints them. */
final class ReadmeExitCodes {
    private static final Pattern README_ENTRY = Pattern.compile("(\\d+) (.+)");
    private static final Pattern HELP_ENTRY = Pattern.compile("\\s+(\\d+)\\s+(.+)");

    private ReadmeExitCodes() {
    }

    static Path checkout() {
        return Path.of(System.getProperty("xcp.checkout", "..")).toAbsolutePath().normalize();
    }

    /** Code to words, in the README's order; the paragraph ends with the first full stop that ends a line. */
    static Map<String, String> fromReadme(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        int heading = lines.indexOf("## Exit codes");
        if (heading < 0) {
            throw new AssertionError(readme + " has no \"## Exit codes\" section");
        }
        StringBuilder paragraph = new StringBuilder();
        for (String line : lines.subList(heading + 1, lines.size())) {
            if (!line.isBlank()) {
                paragraph.append(paragraph.length() == 0 ? "" : " ").append(line.trim());
                if (line.trim().endsWith(".")) {
                    break;
                }
            }
        }
        String list = paragraph.toString().replaceAll("\\.$", "");
        Map<String, String> codes = new LinkedHashMap<>();
        for (String entry : list.split(" · ")) {
            Matcher matcher = README_ENTRY.matcher(entry.trim());
            if (!matcher.matches()) {
                throw new AssertionError("README exit code entry \"" + entry + "\" is not \"CODE words\"");
            }
            codes.put(matcher.group(1), matcher.group(2));
        }
        return codes;
    }

    /** Code to words from the "Exit codes:" list at the end of a --help text. */
    static Map<String, String> fromHelp(String help) {
        Map<String, String> codes = new LinkedHashMap<>();
        List<String> lines = help.lines().toList();
        int heading = lines.indexOf("Exit codes:");
        if (heading < 0) {
            return codes;
        }
        for (String line : lines.subList(heading + 1, lines.size())) {
            Matcher matcher = HELP_ENTRY.matcher(line);
            if (!matcher.matches()) {
                break;
            }
            codes.put(matcher.group(1), matcher.group(2).trim());
        }
        return codes;
    }
}
