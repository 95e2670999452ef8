package org.xcpbalancer.manager.data;

import java.time.Duration;
import java.time.Instant;

/**
 * A collection run or a control run, as SHOW RUNS lists them together. duration is null while a run is
 * still going (or was killed); details summarises counts, warnings or the error.
 */
public record RunEntry(Kind kind, long id, Instant startedAt, Duration duration, String outcome, String details) {
    public enum Kind {
        COLLECT("collect"), CONTROL("control");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
