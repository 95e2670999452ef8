package org.xcpbalancer.collector;

import java.util.Locale;
import org.xcpbalancer.core.metrics.BalancerMetrics;

/** A collection's result as metrics: its outcome, wall time and XAPI requests. */
final class CollectorMetrics {
    private CollectorMetrics() {
    }

    static void record(BalancerMetrics metrics, CollectionResult result) {
        metrics.collection(result.outcome().name().toLowerCase(Locale.ROOT), result.wallTime(), result.xapiRequests());
    }
}
