package org.xcpbalancer.manager.format;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.core.state.PoolRef;

/**
 * How old the pool's data is: "Pool paper: collected 42 s ago", and a warning when the last collection is
 * older than manager.staleAfter (or there was none), since decisions on stale figures are wrong decisions.
 */
public record DataAge(PoolRef pool, Optional<Duration> age, boolean stale, Duration staleAfter) {

    public static DataAge of(PoolRef pool, Instant now, Duration staleAfter) {
        Optional<Duration> age = pool.lastCollectedAt().map(at -> Duration.between(at, now));
        boolean stale = age.map(a -> a.compareTo(staleAfter) > 0).orElse(true);
        return new DataAge(pool, age, stale, staleAfter);
    }

    public String line() {
        return "Pool " + pool.name() + ": " + collected();
    }

    /** "collected 42 s ago", or "never collected". */
    public String collected() {
        return age.map(a -> "collected " + Ages.describe(a) + " ago").orElse("never collected");
    }

    public List<String> warnings() {
        if (!stale) {
            return List.of();
        }
        return List.of(age.map(a -> "the last collection of pool " + pool.name() + " was " + Ages.describe(a)
                + " ago (more than manager.staleAfter, " + Ages.describe(staleAfter) + "): is xcp-collect running?")
                .orElse("pool " + pool.name() + " has no completed collection yet: is xcp-collect running?"));
    }

    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pool", pool.name());
        json.put("poolUuid", pool.uuid());
        json.put("collectedAt", pool.lastCollectedAt().map(Instant::toString).orElse(null));
        json.put("ageSeconds", age.map(Duration::toSeconds).orElse(null));
        json.put("stale", stale);
        return json;
    }
}
