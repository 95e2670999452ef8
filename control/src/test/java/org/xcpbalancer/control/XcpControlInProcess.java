package org.xcpbalancer.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.xcpbalancer.core.cli.Launcher;
import org.xcpbalancer.core.settings.DatabaseSettings;

/**
 * xcp-control run in the test's JVM as its main() would, on a settings file written for a {@link ControlledPool};
 * what it prints is kept for the test to read. The Launcher reports errors on System.err, so that is captured too
 * while it runs. Registered per test ({@code @RegisterExtension final XcpControlInProcess control = new ...}): each
 * test gets a folder of its own for the settings and other files, removed after it, and the output of its runs.
 */
final class XcpControlInProcess implements BeforeEachCallback, AfterEachCallback {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path dir;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("xcp-control-test");
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The test's own folder (the settings file is written there). */
    Path dir() {
        return dir;
    }

    /** settings.properties (mode 600, as the program demands) for the pool's database and simulator, plus lines. */
    Path settings(ControlledPool pool, String... extraLines) throws Exception {
        return settings(pool, pool.simulator.masterUrl(), extraLines);
    }

    /** The same, with XAPI reached at another address (a proxy, a slave). */
    Path settings(ControlledPool pool, URI xapiUrl, String... extraLines) throws Exception {
        DatabaseSettings database = pool.testDatabase.databaseSettings();
        StringBuilder text = new StringBuilder()
                .append("xapi.url=").append(xapiUrl).append('\n')
                .append("xapi.username=root\nxapi.password=root\n")
                .append("db.url=").append(database.jdbcUrl()).append('\n')
                .append("db.username=").append(database.username()).append('\n')
                .append("db.password=").append(database.password().reveal()).append('\n')
                .append("control.progressInterval=200ms\n");
        for (String line : extraLines) {
            text.append(line).append('\n');
        }
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** Runs xcp-control with these arguments; its exit code. */
    int run(String... args) {
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream systemErr = System.err;
        System.setErr(errors);
        try {
            return Launcher.run(ControlMain.PROGRAM, new ControlMain(new PrintStream(out, true, StandardCharsets.UTF_8),
                    errors), args);
        } finally {
            System.setErr(systemErr);
        }
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Forgets what was printed on stdout so far, to read the next run's alone. */
    void clearStdout() {
        out.reset();
    }

    /** Forgets what was printed on stderr so far, to read the next run's alone. */
    void clearStderr() {
        err.reset();
    }
}
