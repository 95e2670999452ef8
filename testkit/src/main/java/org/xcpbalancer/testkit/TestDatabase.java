package org.xcpbalancer.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.settings.DatabaseSettings;

/** A fresh database on the test server, migrated to the current schema; closed when its test class ends. */
public final class TestDatabase implements ExtensionContext.Store.CloseableResource {
    private final TestServer server;
    private final String name;
    private final Database database;

    private TestDatabase(TestServer server, String name, Database database) {
        this.server = server;
        this.name = name;
        this.database = database;
    }

    static TestDatabase create(TestServer server, String name) {
        return new TestDatabase(server, name, Database.open(server.settings(name)));
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public DatabaseSettings databaseSettings() {
        return server.settings(name);
    }

    /** The migrated database, with its pool; shared by the test class. */
    public Database database() {
        return database;
    }

    public TestServer server() {
        return server;
    }

    @Override
    public void close() {
        database.close();
        server.dropDatabase(name);
    }
}
