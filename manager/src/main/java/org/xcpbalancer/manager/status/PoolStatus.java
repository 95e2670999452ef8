package org.xcpbalancer.manager.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.PoolPause;
import org.xcpbalancer.core.state.PoolRef;

/**
 * How one pool's balancing is doing, as SHOW STATUS and xcp-status report it: the last successful collection,
 * the last control run (and the last one that did its job), the newest error, migrations in flight, the rules,
 * the pause in force and what xcp-guard knows (if it runs on the pool). Every age is measured from now.
 */
public record PoolStatus(PoolRef pool, Instant now, Optional<Run> lastControl, Optional<Run> lastGoodControl,
        Optional<Failure> lastError, List<InFlight> inFlight, List<HostRule> rules, Optional<PoolPause> pause,
        GuardStatus guard) {

    /** A finished control run (not a dry run): when it started and ended, its outcome and summary. */
    public record Run(long id, Instant startedAt, Instant finishedAt, String outcome, String summary) {
    }

    /** The newest failure of a collection or a control run: which program, when, its first line. */
    public record Failure(String program, Instant at, String text) {
    }

    /** A migration the controller launched and has not seen end. */
    public record InFlight(String vmName, String from, String to, String state, Instant since) {
    }

    public PoolStatus {
        inFlight = List.copyOf(inFlight);
        rules = List.copyOf(rules);
    }

    public Optional<Duration> collectionAge() {
        return pool.lastCollectedAt().map(at -> Duration.between(at, now));
    }

    /** Age of the last control run that did its job (not failed, not timed out). */
    public Optional<Duration> controlAge() {
        return lastGoodControl.map(run -> Duration.between(run.finishedAt(), now));
    }

    public boolean paused() {
        return pause.isPresent();
    }
}
