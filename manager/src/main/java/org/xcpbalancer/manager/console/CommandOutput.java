package org.xcpbalancer.manager.console;

import java.util.ArrayList;
import java.util.List;

/**
 * What a command printed: text lines for people, a JSON tree (maps, lists, strings, numbers, booleans) for
 * --format json, and warnings (stale data) that go to the error stream in both formats.
 */
public record CommandOutput(List<String> lines, Object json, List<String> warnings, boolean exit) {

    public CommandOutput {
        lines = List.copyOf(lines);
        warnings = List.copyOf(warnings);
    }

    public static CommandOutput of(List<String> lines, Object json) {
        return new CommandOutput(lines, json, List.of(), false);
    }

    public static CommandOutput exitConsole() {
        return new CommandOutput(List.of(), null, List.of(), true);
    }

    public CommandOutput withWarnings(List<String> more) {
        List<String> all = new ArrayList<>(warnings);
        all.addAll(more);
        return new CommandOutput(lines, json, all, exit);
    }
}
