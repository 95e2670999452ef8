package org.xcpbalancer.core.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The statements of a documented .sql file, as an administrator would paste them into the mysql client. */
final class SqlScript {
    private SqlScript() {
    }

    static List<String> statements(Path file) throws IOException {
        String withoutComments = Files.readAllLines(file).stream()
                .filter(line -> !line.trim().startsWith("--"))
                .collect(Collectors.joining("\n"));
        return Arrays.stream(withoutComments.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static String single(Path file) throws IOException {
        List<String> statements = statements(file);
        if (statements.size() != 1) {
            throw new IllegalStateException(file + " should hold one statement, has " + statements.size());
        }
        return statements.get(0);
    }
}
