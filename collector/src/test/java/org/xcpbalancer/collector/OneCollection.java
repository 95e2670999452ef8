package org.xcpbalancer.collector;

import java.time.Clock;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.settings.XapiSettings;

/** For tests: one collection of the pool into the database, default collect.* settings, as cron runs it. */
final class OneCollection {
    private OneCollection() {
    }

    static CollectionResult collect(XapiSettings xapi, Database database) {
        try (CollectionService service = new CollectionService(database, CollectorSettings.defaults(), Clock.systemUTC())) {
            return service.collectOnce(xapi, notice -> { });
        }
    }
}
