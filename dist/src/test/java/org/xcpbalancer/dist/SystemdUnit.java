package org.xcpbalancer.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Key=value settings of a systemd unit file (one value per key is enough for ours). */
record SystemdUnit(Path file, Map<String, String> settings) {
    static SystemdUnit read(Path file) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String text = line.trim();
            if (!text.startsWith("#") && !text.startsWith("[") && text.contains("=")) {
                settings.put(text.substring(0, text.indexOf('=')).trim(), text.substring(text.indexOf('=') + 1).trim());
            }
        }
        return new SystemdUnit(file, settings);
    }

    String value(String key) {
        String value = settings.get(key);
        if (value == null) {
            throw new AssertionError(file + " has no " + key + "=");
        }
        return value;
    }

    /** A space-separated list value, e.g. SuccessExitStatus=143 SIGTERM. */
    List<String> values(String key) {
        return Arrays.asList(value(key).split("\\s+"));
    }
}
