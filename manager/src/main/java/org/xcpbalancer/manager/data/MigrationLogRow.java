package org.xcpbalancer.manager.data;

import java.time.Duration;
import java.time.Instant;

/** One row of the controller's migration log, as SHOW MIGRATIONS shows it. Boxed values may be null. */
public record MigrationLogRow(long id, Instant createdAt, String vmUuid, String vmName, String sourceHostName,
        String destinationHostName, String ruleSubject, Double ruleThreshold, String reason,
        Double predictedSourceBefore, Double predictedSourceAfter, Double predictedDestinationBefore,
        Double predictedDestinationAfter, Double measuredSourceAfter, Double measuredDestinationAfter, String state,
        String xapiError, Duration duration) {
}
