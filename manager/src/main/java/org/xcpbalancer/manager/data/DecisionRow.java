package org.xcpbalancer.manager.data;

import java.time.Instant;

/**
 * One decision of xcp-control (ControlDecision), with the names of its host and VM as last collected (their
 * uuids when they have left the pool). Nullable: ruleSubject, ruleThreshold, host*, vm*.
 */
public record DecisionRow(long id, long runId, boolean dryRun, Instant decidedAt, String action, String ruleSubject,
        Double ruleThreshold, String hostUuid, String hostName, String vmUuid, String vmName, String reason) {
}
