package org.xcpbalancer.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a private mariadbd instance is started with, in one place: its data directory, port, socket and
 * any extra arguments (a Galera node adds its wsrep_* options here). Nothing is read from /etc/mysql
 * (--no-defaults), so the instance never touches the system's own server.
 */
public record MariaDbdOptions(Path binary, Path dataDir, int port, Path socket, Path tmpDir, List<String> extraArgs) {
    public static final Path SYSTEM_BINARY = Path.of("/usr/sbin/mariadbd");
    public static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");

    public MariaDbdOptions {
        extraArgs = List.copyOf(extraArgs);
    }

    /** The same instance with more arguments after these. */
    public MariaDbdOptions with(String... moreArgs) {
        List<String> args = new ArrayList<>(extraArgs);
        args.addAll(List.of(moreArgs));
        return new MariaDbdOptions(binary, dataDir, port, socket, tmpDir, args);
    }

    /** The mariadb-install-db command that creates the data directory; root gets an empty password (tests only). */
    public List<String> installCommand() {
        List<String> command = new ArrayList<>(List.of(INSTALL_DB.toString(), "--no-defaults",
                "--datadir=" + dataDir, "--auth-root-authentication-method=normal", "--skip-test-db",
                "--skip-name-resolve"));
        command.addAll(runAsArgs());
        return command;
    }

    /** The mariadbd command line. */
    public List<String> serverCommand() {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--no-defaults",
                "--datadir=" + dataDir, "--port=" + port, "--socket=" + socket, "--tmpdir=" + tmpDir,
                "--pid-file=" + tmpDir.resolve("mariadbd.pid"), "--bind-address=127.0.0.1", "--skip-name-resolve",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci",
                "--innodb-buffer-pool-size=64M", "--log-error=" + dataDir.resolveSibling("mariadbd.err")));
        command.addAll(runAsArgs());
        command.addAll(extraArgs);
        return command;
    }

    /** mariadbd refuses to run as root unless told which user to run as. */
    private static List<String> runAsArgs() {
        return "root".equals(System.getProperty("user.name")) ? List.of("--user=root") : List.of();
    }
}
