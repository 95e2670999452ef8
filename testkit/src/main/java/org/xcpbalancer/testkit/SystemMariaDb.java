package org.xcpbalancer.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The system's own MariaDB (Debian 12 ships 10.11, the version production runs on) started as a private
 * instance: its own data directory made by mariadb-install-db, its own port, its own socket in a temp dir.
 * Tests that need it are skipped where /usr/sbin/mariadbd is not installed ({@link #isInstalled()}).
 */
public final class SystemMariaDb implements TestServer {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final MariaDbdOptions options;
    private final Process process;
    private final Path workDir;
    private final Path socketDir;

    private SystemMariaDb(MariaDbdOptions options, Process process, Path workDir, Path socketDir) {
        this.options = options;
        this.process = process;
        this.workDir = workDir;
        this.socketDir = socketDir;
    }

    public static boolean isInstalled() {
        return Files.isExecutable(MariaDbdOptions.SYSTEM_BINARY) && Files.isExecutable(MariaDbdOptions.INSTALL_DB);
    }

    /** The options a fresh instance in workDir gets: data in workDir/data, socket in a new short temp dir. */
    public static MariaDbdOptions optionsIn(Path workDir, int port) throws IOException {
        Path socketDir = Files.createTempDirectory("xcp-mariadbd");
        Files.createDirectories(workDir.resolve("tmp"));
        return new MariaDbdOptions(MariaDbdOptions.SYSTEM_BINARY, workDir.resolve("data"), port,
                socketDir.resolve("mariadbd.sock"), workDir.resolve("tmp"), List.of());
    }

    /**
     * Makes the data directory with mariadb-install-db (root without password), without starting the server: a
     * Galera cluster installs one node and copies its data to the others.
     */
    public static void install(Path workDir, MariaDbdOptions options) throws IOException, InterruptedException {
        run(options.installCommand(), workDir.resolve("install-db.log"));
    }

    /** Installs a data directory (when empty) and starts the server; ready once it accepts root over TCP. */
    public static SystemMariaDb start(Path workDir, MariaDbdOptions options) {
        try {
            if (!Files.isDirectory(options.dataDir())) {
                install(workDir, options);
            }
            Process process = new ProcessBuilder(options.serverCommand())
                    .redirectErrorStream(true).redirectOutput(workDir.resolve("mariadbd.out").toFile()).start();
            SystemMariaDb server = new SystemMariaDb(options, process, workDir, options.socket().getParent());
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("system mariadbd could not start in " + workDir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting system mariadbd", e);
        }
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process install = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!install.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || install.exitValue() != 0) {
            install.destroyForcibly();
            throw new IOException(command.get(0) + " failed: " + tail(log));
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mariadbd exited with " + process.exitValue() + ": "
                        + tail(options.dataDir().resolveSibling("mariadbd.err")));
            }
            try (Connection connection = DriverManager.getConnection(jdbcUrl(""), USER, "")) {
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        close();
        throw new IOException("mariadbd did not accept connections within " + START_TIMEOUT + ": "
                + (last == null ? "" : last.getMessage()));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    public MariaDbdOptions options() {
        return options;
    }

    @Override
    public int port() {
        return options.port();
    }

    @Override
    public String description() {
        return "system mariadbd (" + options.binary() + ")";
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** kill -9, as a crashed server (its folders stay until {@link #close}). */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The server's error log (mariadbd --log-error), for messages when it does not come up. */
    public Path errorLog() {
        return options.dataDir().resolveSibling("mariadbd.err");
    }

    /** SIGTERM is mariadbd's clean shutdown; killed only if it has not ended in time. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        EmbeddedMariaDb.deleteRecursively(workDir);
        EmbeddedMariaDb.deleteRecursively(socketDir);
    }
}
