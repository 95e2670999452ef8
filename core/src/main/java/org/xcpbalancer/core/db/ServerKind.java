package org.xcpbalancer.core.db;

import java.util.Locale;
import org.jooq.SQLDialect;

/**
 * Which server db.url points at, told by the first pooled connection ({@link ServerSensingDataSource}), and the
 * driver and jOOQ dialect that match it.
 * MySQL's Connector/J reads MariaDB 10's handshake version "5.5.5-10.11.x" as MySQL 5.5: it then sends DATETIME(3)
 * values without their milliseconds (5.5 had no fractional seconds) and jOOQ warns of a version mismatch on every
 * run. MariaDB's own Connector/J reads the version right, so MariaDB servers get that driver and the MARIADB
 * dialect; MySQL servers keep MySQL's driver and the MYSQL dialect. db.url stays jdbc:mysql://... for both.
 */
public enum ServerKind {
    MARIADB(SQLDialect.MARIADB, "jdbc:mariadb:"),
    MYSQL(SQLDialect.MYSQL, "jdbc:mysql:");

    private static final String CONFIGURED_PREFIX = "jdbc:mysql:";

    private final SQLDialect dialect;
    private final String urlPrefix;

    ServerKind(SQLDialect dialect, String urlPrefix) {
        this.dialect = dialect;
        this.urlPrefix = urlPrefix;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    /** The configured jdbc:mysql:// URL (options included) as this kind's driver takes it. */
    String driverUrl(String configuredUrl) {
        return configuredUrl.startsWith(CONFIGURED_PREFIX)
                ? urlPrefix + configuredUrl.substring(CONFIGURED_PREFIX.length()) : configuredUrl;
    }

    /** MariaDB says so in its version string ("10.11.6-MariaDB-0+deb12u1", "5.5.5-10.11.6-MariaDB..."). */
    static ServerKind ofVersion(String serverVersion) {
        return serverVersion != null && serverVersion.toLowerCase(Locale.ROOT).contains("mariadb") ? MARIADB : MYSQL;
    }
}
