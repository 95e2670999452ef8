package org.xcpbalancer.core.settings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How to reach and trust the pool master. */
public record XapiSettings(URI url, String username, Secret password, Optional<Path> truststore,
        Secret truststorePassword, Optional<String> certificateSha256, Duration connectTimeout,
        Duration replyTimeout) {

    static XapiSettings from(Settings settings) {
        return new XapiSettings(settings.get(SettingKeys.XAPI_URL), settings.get(SettingKeys.XAPI_USERNAME),
                settings.optional(SettingKeys.XAPI_PASSWORD).orElse(Secret.EMPTY),
                settings.optional(SettingKeys.XAPI_TRUSTSTORE),
                settings.optional(SettingKeys.XAPI_TRUSTSTORE_PASSWORD).orElse(Secret.EMPTY),
                settings.optional(SettingKeys.XAPI_CERTIFICATE_SHA256),
                settings.get(SettingKeys.XAPI_CONNECT_TIMEOUT), settings.get(SettingKeys.XAPI_REPLY_TIMEOUT));
    }

    /** Settings for a pool reached over plain http with default timeouts (tests, the demo, the simulator). */
    public static XapiSettings plain(URI url, String username, Secret password) {
        return new XapiSettings(url, username, password, Optional.empty(), Secret.EMPTY, Optional.empty(),
                Duration.ofSeconds(5), Duration.ofSeconds(60));
    }
}
