package org.xcpbalancer.core.settings;

import java.time.Duration;

/**
 * How to reach the database.
 *
 * @param connectTimeout how long to wait for a connection (TCP connect and the pool's checkout)
 * @param socketTimeout  how long one statement may wait for an answer before the connection is given up
 */
public record DatabaseSettings(String jdbcUrl, String username, Secret password, int maxPoolSize,
        Duration connectTimeout, Duration socketTimeout) {
    /** db.socketTimeout's default. */
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);

    public DatabaseSettings(String jdbcUrl, String username, Secret password, int maxPoolSize, Duration connectTimeout) {
        this(jdbcUrl, username, password, maxPoolSize, connectTimeout, DEFAULT_SOCKET_TIMEOUT);
    }

    static DatabaseSettings from(Settings settings) {
        return new DatabaseSettings(settings.get(SettingKeys.DB_URL), settings.get(SettingKeys.DB_USERNAME),
                settings.optional(SettingKeys.DB_PASSWORD).orElse(Secret.EMPTY),
                settings.get(SettingKeys.DB_MAX_POOL_SIZE), settings.get(SettingKeys.DB_CONNECT_TIMEOUT),
                settings.get(SettingKeys.DB_SOCKET_TIMEOUT));
    }

    public static DatabaseSettings of(String jdbcUrl, String username, Secret password) {
        return new DatabaseSettings(jdbcUrl, username, password, 4, Duration.ofSeconds(10));
    }
}
