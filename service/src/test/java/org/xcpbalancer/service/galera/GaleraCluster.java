package org.xcpbalancer.service.galera;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A 3-node MariaDB Galera cluster from the system's packages (mariadb-server, galera-4) on loopback ports, each
 * node its own mariadbd process in a folder of its own. The first node's data folder is made by
 * mariadb-install-db and copied to the others; the first node bootstraps the cluster and the others join it
 * (state transfer by mysqldump, which needs no rsync daemon). Short Galera timeouts, so a killed node leaves the
 * group in about two seconds.
 */
final class GaleraCluster implements AutoCloseable {
    static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    static final List<Path> PROVIDERS = List.of(Path.of("/usr/lib/galera/libgalera_smm.so"), Path.of("/usr/lib/libgalera_smm.so"));

    /** One node: its SQL port and process. */
    static final class Node {
        final int index;
        final int port;
        final Path dir;
        Process process;

        Node(int index, int port, Path dir) {
            this.index = index;
            this.port = port;
            this.dir = dir;
        }

        String jdbcUrl(String database) {
            return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?connectTimeout=3000&socketTimeout=20000";
        }

        /** kill -9, as a crashed server. */
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    private final Path base;
    private final List<Node> nodes = new ArrayList<>();

    private GaleraCluster(Path base) {
        this.base = base;
    }

    /** Why the cluster cannot be started here, if it cannot (the test is then skipped with this reason). */
    static Optional<String> unavailable() {
        if (!Files.isExecutable(MARIADBD)) {
            return Optional.of(MARIADBD + " is absent (install mariadb-server: .ci/install-test-packages)");
        }
        if (provider().isEmpty()) {
            return Optional.of("libgalera_smm.so is absent from " + PROVIDERS + " (install galera-4: .ci/install-test-packages)");
        }
        return Optional.empty();
    }

    private static Optional<Path> provider() {
        return PROVIDERS.stream().filter(Files::isRegularFile).findFirst();
    }

    static GaleraCluster start(Path base, int size) throws Exception {
        GaleraCluster cluster = new GaleraCluster(base);
        try {
            cluster.boot(size);
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    List<Node> nodes() {
        return nodes;
    }

    private void boot(int size) throws Exception {
        List<Integer> galeraPorts = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            Path dir = base.resolve("n" + i);
            Files.createDirectories(dir);
            nodes.add(new Node(i, freePort(), dir));
            galeraPorts.add(freePort());
        }
        String addresses = String.join(",", galeraPorts.stream().map(p -> "127.0.0.1:" + p).toList());
        for (Node node : nodes) {
            int galera = galeraPorts.get(node.index - 1);
            Files.writeString(node.dir.resolve("my.cnf"), String.join("\n",
                    "[mysqld]", "datadir=" + node.dir.resolve("data"), "socket=" + node.dir.resolve("sock"),
                    "port=" + node.port, "bind-address=127.0.0.1", "user=" + System.getProperty("user.name"),
                    "pid-file=" + node.dir.resolve("pid"), "log-error=" + node.dir.resolve("err.log"),
                    "binlog_format=ROW", "default_storage_engine=InnoDB", "innodb_autoinc_lock_mode=2",
                    "innodb_buffer_pool_size=32M", "innodb_log_file_size=16M", "performance_schema=OFF",
                    "skip-name-resolve", "max_connections=200", "wsrep_on=ON",
                    "wsrep_provider=" + provider().orElseThrow(), "wsrep_cluster_name=xcp-service-it",
                    "wsrep_cluster_address=gcomm://" + addresses, "wsrep_node_address=127.0.0.1",
                    "wsrep_node_name=n" + node.index,
                    "wsrep_provider_options=gmcast.listen_addr=tcp://127.0.0.1:" + galera + ";ist.recv_addr=127.0.0.1:"
                            + freePort() + ";gcache.size=32M;evs.keepalive_period=PT0.5S;evs.suspect_timeout=PT2S;"
                            + "evs.inactive_timeout=PT3S;evs.inactive_check_period=PT0.5S;evs.install_timeout=PT3S",
                    "wsrep_sst_method=mysqldump", "wsrep_sst_auth=root:",
                    "wsrep_sst_receive_address=127.0.0.1:" + node.port, ""));
        }
        Node first = nodes.get(0);
        run(Duration.ofSeconds(60), "mariadb-install-db", "--defaults-file=" + first.dir.resolve("my.cnf"),
                "--auth-root-authentication-method=normal", "--skip-test-db");
        for (Node node : nodes.subList(1, nodes.size())) {
            copyTree(first.dir.resolve("data"), node.dir.resolve("data"));
        }
        launch(first, "--wsrep-new-cluster");
        awaitSynced(first, Duration.ofSeconds(60));
        for (Node node : nodes.subList(1, nodes.size())) {
            launch(node);
        }
        for (Node node : nodes.subList(1, nodes.size())) {
            awaitSynced(node, Duration.ofSeconds(90));
        }
    }

    private void launch(Node node, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(MARIADBD.toString(), "--defaults-file=" + node.dir.resolve("my.cnf")));
        command.addAll(List.of(extra));
        node.process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(node.dir.resolve("out.log").toFile()).start();
    }

    private static void awaitSynced(Node node, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        String state = "not reachable";
        while (System.nanoTime() < deadline) {
            if (!node.process.isAlive()) {
                throw new IllegalStateException("galera node " + node.index + " exited: see " + node.dir.resolve("err.log"));
            }
            try (Connection c = DriverManager.getConnection(node.jdbcUrl(""), "root", "");
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SHOW STATUS LIKE 'wsrep_local_state_comment'")) {
                state = r.next() ? r.getString(2) : "unknown";
                if ("Synced".equals(state)) {
                    return;
                }
            } catch (SQLException e) {
                state = e.getMessage();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("galera node " + node.index + " not synced within " + limit.toSeconds() + " s: "
                + state + " (see " + node.dir.resolve("err.log") + ")");
    }

    /** Runs SQL as root on a node (schema creation, checks). */
    void execute(Node node, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(node.jdbcUrl(""), "root", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void run(Duration limit, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            if (node.process != null && node.process.isAlive()) {
                node.process.destroyForcibly();
                try {
                    node.process.waitFor(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
