package org.xcpbalancer.manager.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xcpbalancer.manager.format.Ages;

/**
 * Judges pools' {@link PoolStatus} by the Nagios plugin conventions: one line "STATE - text | perfdata" and an
 * exit code (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN), so Nagios, Icinga or Zabbix run xcp-status as it is.
 */
public final class NagiosCheck {
    /** Nagios states, in order of gravity, with their exit codes. UNKNOWN (3) is the check's own failure. */
    public enum State {
        OK(0), WARNING(1), CRITICAL(2), UNKNOWN(3);

        private final int exitCode;

        State(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }

        State worst(State other) {
            return other == UNKNOWN || this == UNKNOWN ? UNKNOWN : other.ordinal() > ordinal() ? other : this;
        }
    }

    /** Ages at which the last collection and the last good control run make the check WARNING or CRITICAL. */
    public record Thresholds(Duration collectionWarning, Duration collectionCritical, Duration controlWarning,
            Duration controlCritical) {
        public Thresholds {
            if (collectionWarning.compareTo(collectionCritical) > 0 || controlWarning.compareTo(controlCritical) > 0) {
                throw new IllegalArgumentException("a warning threshold is above its critical threshold");
            }
        }
    }

    /** The verdict: the state and the one line printed (text, then perfdata after "|"). */
    public record Result(State state, String line) {
    }

    private NagiosCheck() {
    }

    public static Result judge(List<PoolStatus> pools, Thresholds limits) {
        if (pools.isEmpty()) {
            return new Result(State.CRITICAL, "CRITICAL - no pool in the database: xcp-collect has never collected");
        }
        State state = State.OK;
        List<String> texts = new ArrayList<>();
        List<String> perfdata = new ArrayList<>();
        for (PoolStatus pool : pools) {
            List<String> said = new ArrayList<>();
            State poolState = State.OK;
            poolState = poolState.worst(age(said, "collected", pool.collectionAge().orElse(null),
                    limits.collectionWarning(), limits.collectionCritical(), State.CRITICAL));
            poolState = poolState.worst(age(said, "controlled", pool.controlAge().orElse(null),
                    limits.controlWarning(), limits.controlCritical(), State.WARNING));
            boolean lastRunFailed = pool.lastControl().isPresent() && pool.lastGoodControl()
                    .map(good -> good.id() != pool.lastControl().get().id()).orElse(true);
            if (lastRunFailed) {
                said.add("last control run " + pool.lastControl().get().outcome());
                poolState = poolState.worst(State.WARNING);
            }
            if (pool.paused()) {
                said.add("balancing paused by " + pool.pause().get().pausedBy()
                        + pool.pause().get().pausedUntil().map(u -> " until " + u).orElse(" until resumed"));
                poolState = poolState.worst(State.WARNING);
            }
            said.add(pool.inFlight().size() + " migration(s) in flight");
            String prefix = pools.size() == 1 ? "" : label(pool.pool().name()) + "_";
            List<String> guardPerfdata = new ArrayList<>();
            poolState = poolState.worst(GuardCheck.judge(pool.guard(), said, guardPerfdata, prefix));
            state = state.worst(poolState);
            texts.add("pool " + pool.pool().name() + ": " + String.join(", ", said));
            perfdata.add(prefix + "collection_age=" + seconds(pool.collectionAge().orElse(null)) + ";"
                    + limits.collectionWarning().toSeconds() + ";" + limits.collectionCritical().toSeconds() + ";0");
            perfdata.add(prefix + "control_age=" + seconds(pool.controlAge().orElse(null)) + ";"
                    + limits.controlWarning().toSeconds() + ";" + limits.controlCritical().toSeconds() + ";0");
            perfdata.add(prefix + "migrations_in_flight=" + pool.inFlight().size() + ";;;0");
            perfdata.add(prefix + "paused=" + (pool.paused() ? 1 : 0) + ";;;0;1");
            perfdata.addAll(guardPerfdata);
        }
        return new Result(state, state + " - " + String.join("; ", texts) + " | " + String.join(" ", perfdata));
    }

    /** Says the age and judges it; missing (never) is the given state. */
    private static State age(List<String> said, String what, Duration age, Duration warning, Duration critical,
            State whenNever) {
        if (age == null) {
            said.add("never " + what);
            return whenNever;
        }
        said.add(what + " " + Ages.describe(age) + " ago");
        return age.compareTo(critical) >= 0 ? State.CRITICAL : age.compareTo(warning) >= 0 ? State.WARNING : State.OK;
    }

    /** "12s", or "U" (Nagios: value unknown). */
    private static String seconds(Duration age) {
        return age == null ? "U" : Math.max(0, age.toSeconds()) + "s";
    }

    /** A pool name as a perfdata label: letters, digits, '.', '-', '_' only (no quote, '=' or space to escape). */
    private static String label(String poolName) {
        return poolName.replaceAll("[^A-Za-z0-9._-]", "_").toLowerCase(Locale.ROOT);
    }
}
