package org.xcpbalancer.core.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * Tells whether the database already holds every migration bundled in this jar, with one query against Flyway's
 * history table, so that a program on a current schema starts without Flyway (whose classpath scan and set-up
 * cost about a second of a one-shot run). The migrations are listed at build time in {@link #LIST}, because
 * listing a folder inside a jar would need the very scan this avoids. A migration is current when the history
 * holds it as successful with the checksum Flyway would compute for the bundled file; anything else (no history,
 * a failed row, a missing version, a changed file) means "run Flyway", which then migrates or explains.
 */
final class SchemaCheck {
    static final String LOCATION = "db/migration/";
    static final String LIST = LOCATION + "bundled-migrations.txt";

    private SchemaCheck() {
    }

    /** True when Flyway would have nothing to do; false when it must run (or when this cannot tell). */
    static boolean isCurrent(DataSource dataSource) throws SQLException {
        Map<String, Integer> bundled = bundledChecksums();
        if (bundled.isEmpty()) {
            return false;
        }
        Map<String, Integer> applied = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(
                    "SELECT version, checksum, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
                while (rows.next()) {
                    if (!rows.getBoolean(3)) {
                        return false;
                    }
                    applied.put(rows.getString(1), (Integer) rows.getObject(2));
                }
            } catch (SQLException noHistoryYet) {
                return false;
            }
        }
        for (Map.Entry<String, Integer> migration : bundled.entrySet()) {
            if (!applied.containsKey(migration.getKey())
                    || !Objects.equals(applied.get(migration.getKey()), migration.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Version ("1", "2") to Flyway checksum of each migration listed in {@link #LIST}; empty without the list. */
    static Map<String, Integer> bundledChecksums() {
        Map<String, Integer> checksums = new LinkedHashMap<>();
        try (InputStream list = resource(LIST)) {
            if (list == null) {
                return checksums;
            }
            for (String line : new String(list.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                String file = line.strip();
                if (file.startsWith("V") && file.contains("__") && file.endsWith(".sql")) {
                    checksums.put(file.substring(1, file.indexOf("__")).replace('_', '.'), checksum(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return checksums;
    }

    /** Flyway's checksum: CRC32 over the UTF-8 bytes of each line without its line break, BOM dropped. */
    static int checksum(String file) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = resource(LOCATION + file)) {
            if (in == null) {
                throw new IOException(LIST + " names " + file + ", which is not in the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line = reader.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            for (; line != null; line = reader.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return (int) crc.getValue();
    }

    private static InputStream resource(String name) {
        return SchemaCheck.class.getClassLoader().getResourceAsStream(name);
    }
}
