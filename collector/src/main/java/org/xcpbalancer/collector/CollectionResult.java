package org.xcpbalancer.collector;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * What one collection did.
 *
 * @param outcome      success, partial (some metrics missing: see warnings) or locked (another collector was
 *                     collecting this pool; nothing written)
 * @param xapiRequests XML-RPC calls and /rrd_updates GETs made for this collection (login and logout included
 *                     when the collection opened its own session)
 * @param wallTime     from start to the end of the database write
 * @param databaseTime time spent in database statements (lock, pool row, run log, the write, thinning)
 * @param phases       wall time per phase, in order (object graph, rrd_updates, database write, ...)
 */
public record CollectionResult(Outcome outcome, String poolUuid, String poolName, Integer poolId, Long runId,
        int hostCount, int vmCount, long xapiRequests, Duration wallTime, Duration databaseTime,
        List<String> warnings, Map<String, Duration> phases) {

    public enum Outcome { SUCCESS, PARTIAL, LOCKED }

    public CollectionResult {
        warnings = List.copyOf(warnings);
        phases = Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }

    /** The one line printed per run, e.g. "Collected pool Main Pool: 2 hosts, 3 VMs, 4 requests, 0.21 s". */
    public String summaryLine() {
        if (outcome == Outcome.LOCKED) {
            return "Another xcp-collect is collecting pool " + poolName + " right now; this run stops without writing.";
        }
        String line = String.format(Locale.ROOT, "Collected pool %s: %d %s, %d %s, %d requests, %.2f s", poolName,
                hostCount, hostCount == 1 ? "host" : "hosts", vmCount, vmCount == 1 ? "VM" : "VMs", xapiRequests,
                wallTime.toMillis() / 1000.0);
        return outcome == Outcome.PARTIAL ? line + " (partial: " + warnings.size()
                + (warnings.size() == 1 ? " warning)" : " warnings)") : line;
    }
}
