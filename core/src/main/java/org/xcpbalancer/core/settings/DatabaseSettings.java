package org.xcpbalancer.core.settings;

import java.time.Duration;

/** How to reach the database. */
public record DatabaseSettings(String jdbcUrl, String username, Secret password, int maxPoolSize,
        Duration connectTimeout) {

    static DatabaseSettings from(Settings settings) {
        return new DatabaseSettings(settings.get(SettingKeys.DB_URL), settings.get(SettingKeys.DB_USERNAME),
                settings.optional(SettingKeys.DB_PASSWORD).orElse(Secret.EMPTY),
                settings.get(SettingKeys.DB_MAX_POOL_SIZE), settings.get(SettingKeys.DB_CONNECT_TIMEOUT));
    }

    public static DatabaseSettings of(String jdbcUrl, String username, Secret password) {
        return new DatabaseSettings(jdbcUrl, username, password, 4, Duration.ofSeconds(10));
    }
}
