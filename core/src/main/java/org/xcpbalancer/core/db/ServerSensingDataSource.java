package org.xcpbalancer.core.db;

import java.io.PrintWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The connections under the pool, each made with the driver of the server db.url points at ({@link ServerKind}),
 * which the first connection tells: no probe connection of its own. That first one is made with MariaDB's driver,
 * since production runs MariaDB: on a MariaDB server it is kept and pooled; on a MySQL server (whose version
 * string does not say MariaDB) it is closed and every connection, from that one on, is MySQL's driver's.
 */
final class ServerSensingDataSource implements DataSource {
    private static final Pattern USER_INFO = Pattern.compile("(jdbc:mysql://)([^/?@]*)@(.*)", Pattern.DOTALL);

    private final String configuredUrl;
    private final Properties credentials = new Properties();
    private volatile ServerKind kind;
    private int loginTimeoutSeconds;

    ServerSensingDataSource(String configuredUrl, String username, String password) {
        credentials.setProperty("user", username);
        credentials.setProperty("password", password);
        this.configuredUrl = withoutUserInfo(configuredUrl, credentials);
    }

    /**
     * MySQL's driver takes jdbc:mysql://USER:PASSWORD@HOST/...; MariaDB's does not (it reads the user info as part of
     * the host and names it in its error): the user info moves into the connection properties, where it takes
     * precedence over db.username and db.password as it did with MySQL's driver.
     */
    static String withoutUserInfo(String url, Properties credentials) {
        Matcher userInfo = USER_INFO.matcher(url);
        if (!userInfo.matches()) {
            return url;
        }
        String[] parts = userInfo.group(2).split(":", 2);
        credentials.setProperty("user", decoded(parts[0]));
        if (parts.length > 1) {
            credentials.setProperty("password", decoded(parts[1]));
        }
        return userInfo.group(1) + userInfo.group(3);
    }

    private static String decoded(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The server's kind once a connection was made; null before. */
    ServerKind kind() {
        return kind;
    }

    @Override
    public Connection getConnection() throws SQLException {
        ServerKind known = kind;
        if (known == null) {
            synchronized (this) {
                if (kind == null) {
                    Connection first = connect(ServerKind.MARIADB);
                    ServerKind told = ServerKind.ofVersion(first.getMetaData().getDatabaseProductVersion());
                    kind = told;
                    if (told == ServerKind.MARIADB) {
                        return first;
                    }
                    first.close();
                }
                known = kind;
            }
        }
        return connect(known);
    }

    private Connection connect(ServerKind with) throws SQLException {
        Driver driver = with == ServerKind.MARIADB ? new org.mariadb.jdbc.Driver() : new com.mysql.cj.jdbc.Driver();
        Connection connection = driver.connect(with.driverUrl(configuredUrl), credentials);
        if (connection == null) {
            throw new SQLException("not a MySQL or MariaDB JDBC URL (expected jdbc:mysql://HOST:PORT/DATABASE)");
        }
        return connection;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the credentials are db.username and db.password");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // the drivers log through slf4j
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
