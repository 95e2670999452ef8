package org.xcpbalancer.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes the settings file with which every program attaches to the demo's simulator and database. */
public final class DemoSettings {
    private DemoSettings() {
    }

    public static Path write(Path file, URI xapiUrl, String jdbcUrl, String extraLines) throws IOException {
        String text = "# Written by xcp-demo: the simulated pool and the embedded MariaDB of this demo.\n"
                + "xapi.url=" + xapiUrl + "\n"
                + "xapi.username=root\n"
                + "xapi.password=root\n"
                + "db.url=" + jdbcUrl + "\n"
                + "db.username=root\n"
                + "db.password=\n"
                + extraLines;
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
