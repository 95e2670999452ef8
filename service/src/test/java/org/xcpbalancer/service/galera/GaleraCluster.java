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
import java.util.stream.Stream;
import org.xcpbalancer.testkit.MariaDbdOptions;
import org.xcpbalancer.testkit.SystemMariaDb;

/**
 * A 3-node MariaDB Galera cluster from the system's packages (mariadb-server, galera-4) on loopback ports, each
 * node a private mariadbd started by testkit's {@link SystemMariaDb} with the wsrep options added. The first node's
 * data folder is made by mariadb-install-db and copied to the others; the first node bootstraps the cluster and
 * the others join it (state transfer by mysqldump, which needs no rsync daemon). Short Galera timeouts, so a
 * killed node leaves the group in about two seconds.
 */
final class GaleraCluster implements AutoCloseable {
    static final List<Path> PROVIDERS = List.of(Path.of("/usr/lib/galera/libgalera_smm.so"), Path.of("/usr/lib/libgalera_smm.so"));

    /** One node: its SQL port and server. */
    static final class Node {
        final int index;
        final int port;
        final Path dir;
        final MariaDbdOptions options;
        SystemMariaDb server;

        Node(int index, int port, Path dir, MariaDbdOptions options) {
            this.index = index;
            this.port = port;
            this.dir = dir;
            this.options = options;
        }

        String jdbcUrl(String database) {
            return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?connectTimeout=3000&socketTimeout=20000";
        }

        /** kill -9, as a crashed server. */
        void kill() throws InterruptedException {
            server.kill();
        }
    }

    private final Path base;
    private final List<Node> nodes = new ArrayList<>();

    private GaleraCluster(Path base) {
        this.base = base;
    }

    /** Why the cluster cannot be started here, if it cannot (the test is then skipped with this reason). */
    static Optional<String> unavailable() {
        if (!SystemMariaDb.isInstalled()) {
            return Optional.of(MariaDbdOptions.SYSTEM_BINARY + " is absent (install mariadb-server: .ci/install-test-packages)");
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
            galeraPorts.add(freePort());
        }
        String addresses = String.join(",", galeraPorts.stream().map(p -> "127.0.0.1:" + p).toList());
        for (int i = 1; i <= size; i++) {
            Path dir = Files.createDirectories(base.resolve("n" + i));
            int port = freePort();
            nodes.add(new Node(i, port, dir, SystemMariaDb.optionsIn(dir, port).with(
                    "--binlog-format=ROW", "--default-storage-engine=InnoDB", "--innodb-autoinc-lock-mode=2",
                    "--innodb-log-file-size=16M", "--performance-schema=OFF", "--max-connections=200", "--wsrep-on=ON",
                    "--wsrep-provider=" + provider().orElseThrow(), "--wsrep-cluster-name=xcp-service-it",
                    "--wsrep-cluster-address=gcomm://" + addresses, "--wsrep-node-address=127.0.0.1",
                    "--wsrep-node-name=n" + i,
                    "--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:" + galeraPorts.get(i - 1)
                            + ";ist.recv_addr=127.0.0.1:" + freePort() + ";gcache.size=32M;evs.keepalive_period=PT0.5S;"
                            + "evs.suspect_timeout=PT2S;evs.inactive_timeout=PT3S;evs.inactive_check_period=PT0.5S;"
                            + "evs.install_timeout=PT3S",
                    "--wsrep-sst-method=mysqldump", "--wsrep-sst-auth=root:",
                    "--wsrep-sst-receive-address=127.0.0.1:" + port)));
        }
        Node first = nodes.get(0);
        SystemMariaDb.install(first.dir, first.options);
        for (Node node : nodes.subList(1, nodes.size())) {
            copyTree(first.options.dataDir(), node.options.dataDir());
        }
        first.server = SystemMariaDb.start(first.dir, first.options.with("--wsrep-new-cluster"));
        awaitSynced(first, Duration.ofSeconds(60));
        for (Node node : nodes.subList(1, nodes.size())) {
            node.server = SystemMariaDb.start(node.dir, node.options);
        }
        for (Node node : nodes.subList(1, nodes.size())) {
            awaitSynced(node, Duration.ofSeconds(90));
        }
    }

    private static void awaitSynced(Node node, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        String state = "not reachable";
        while (System.nanoTime() < deadline) {
            if (!node.server.isAlive()) {
                throw new IllegalStateException("galera node " + node.index + " exited: see " + node.server.errorLog());
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
                + state + " (see " + node.server.errorLog() + ")");
    }

    /** Runs SQL as root on a node (schema creation, checks). */
    void execute(Node node, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(node.jdbcUrl(""), "root", ""); Statement s = c.createStatement()) {
            s.execute(sql);
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

    /** Every node stopped (killed ones are already down) and its folders removed. */
    @Override
    public void close() {
        for (Node node : nodes) {
            if (node.server != null) {
                node.server.close();
            }
        }
    }
}
