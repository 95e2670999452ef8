package org.xcpbalancer.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.xcpbalancer.core.cli.Launcher;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.EmbeddedMariaDb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * bin/xcp-demo. For now it starts the embedded MariaDB, brings the schema up to date and prints where it is;
 * the whole loop (simulator, collector, controller) is issue 7.
 */
@Command(name = "xcp-demo", mixinStandardHelpOptions = true,
        description = "Starts an embedded MariaDB with the xcp-balancer schema and prints its address.")
public final class DemoMain implements Callable<Integer> {
    @Option(names = "--keep-running", description = "Leave the database up until Ctrl-C.")
    private boolean keepRunning;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the demo keeps its files (default: ${DEFAULT-VALUE}).",
            defaultValue = "demo-work")
    private Path workDir;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    private boolean debug;

    public static void main(String[] args) {
        Launcher.main("xcp-demo", new DemoMain(), args);
    }

    @Override
    public Integer call() throws Exception {
        System.out.println("Starting an embedded MariaDB (first start unpacks it, ~10 s)...");
        Files.createDirectories(workDir);
        try (EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(workDir.resolve("mariadb").toAbsolutePath(), 0, true)) {
            mariaDb.createDatabase("Xen");
            try (Database database = Database.open(mariaDb.settings("Xen"))) {
                System.out.println("Database ready at " + mariaDb.jdbcUrl("Xen") + " (user root, no password), schema migrated.");
            }
            if (keepRunning) {
                System.out.println("Running until Ctrl-C.");
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                stop.await();
            }
        }
        System.out.println("Stopped the embedded MariaDB.");
        return 0;
    }
}
