package org.xcpbalancer.core.state;

/** "Balance when a host's subject is more than threshold (in the subject's unit) above the pool average." */
public record HostRule(RuleSubject subject, double threshold) {
    public HostRule {
        if (!Double.isFinite(threshold) || threshold <= 0 || threshold > subject.maxThreshold()) {
            throw new IllegalArgumentException("threshold for " + subject + " must be more than 0 and at most "
                    + (long) subject.maxThreshold() + " " + subject.unit() + ", not " + threshold);
        }
    }
}
