package org.xcpbalancer.core.settings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A settings file's entries in file order, each with the line it starts on. java.util.Properties alone would
 * keep the last of two lines setting the same key and forget the first, silently; knowing the lines lets the
 * loader refuse the file and name both. Each logical line (continuations joined) is still decoded by
 * Properties, so escapes and separators mean exactly what they always did.
 */
final class SettingsFile {
    /** One key = value line; lineNumber counts from 1. */
    record Entry(String key, String value, int lineNumber) {
    }

    private SettingsFile() {
    }

    static List<Entry> parse(BufferedReader reader) throws IOException {
        List<Entry> entries = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        int lineNumber = 0;
        int startLine = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (logical.length() == 0) {
                String trimmed = line.stripLeading();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                    continue;
                }
                startLine = lineNumber;
            }
            logical.append(line).append('\n');
            if (!continues(line)) {
                decode(logical.toString(), startLine, entries);
                logical.setLength(0);
            }
        }
        if (logical.length() > 0) {
            decode(logical.toString(), startLine, entries);
        }
        return entries;
    }

    /** A line ending in an odd number of backslashes goes on on the next line. */
    private static boolean continues(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static void decode(String logicalLine, int lineNumber, List<Entry> entries) throws IOException {
        Properties one = new Properties();
        one.load(new StringReader(logicalLine));
        for (String key : one.stringPropertyNames()) {
            entries.add(new Entry(key, one.getProperty(key), lineNumber));
        }
    }
}
