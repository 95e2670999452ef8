package org.xcpbalancer.simulator.scenario;

/**
 * A scenario file that cannot be used. The message is always one line naming the file and the offending
 * field, e.g. {@code pool.json: vms[3].host: no host "Host9"}, so a CLI can print it as is.
 */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String sourceName, String fieldPath, String problem) {
        super(sourceName + ": " + (fieldPath.isEmpty() ? "" : fieldPath + ": ") + oneLine(problem));
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
