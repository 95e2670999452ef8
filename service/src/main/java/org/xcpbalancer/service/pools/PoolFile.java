package org.xcpbalancer.service.pools;

import java.time.Duration;
import org.xcpbalancer.core.settings.SettingKeys;
import org.xcpbalancer.core.settings.Settings;

/**
 * One pool of the service: pools.d/NAME.properties, validated like any settings file (xapi.*, collect.*,
 * control.*, service.collectInterval, service.controlInterval). The name is the lease's key, so every instance
 * must see the same file under the same name.
 *
 * @param version the file's modification time and size when read: a change restarts the pool's work
 */
public record PoolFile(String name, Settings settings, String version) {
    public Duration collectInterval() {
        return settings.get(SettingKeys.SERVICE_COLLECT_INTERVAL);
    }

    public Duration controlInterval() {
        return settings.get(SettingKeys.SERVICE_CONTROL_INTERVAL);
    }
}
