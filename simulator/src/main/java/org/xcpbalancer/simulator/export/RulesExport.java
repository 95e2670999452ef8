package org.xcpbalancer.simulator.export;

import java.util.List;
import org.xcpbalancer.core.state.HostRule;

/**
 * The pool's rules, written beside the exported scenario as an xcp-manager script (my-pool.json gets
 * my-pool.rules), so the copy gets the same rules without retyping: once the copy is collected,
 * {@code bin/xcp-manager --settings COPY.properties < my-pool.rules} creates them for it, and its controller
 * balances by them.
 */
public final class RulesExport {
    private RulesExport() {
    }

    /** my-pool.json -> my-pool.rules (a name without .json gets .rules appended). */
    public static String fileName(String scenarioFileName) {
        String base = scenarioFileName.endsWith(".json")
                ? scenarioFileName.substring(0, scenarioFileName.length() - ".json".length()) : scenarioFileName;
        return base + ".rules";
    }

    public static String script(String poolName, String scenarioFileName, List<HostRule> rules) {
        StringBuilder script = new StringBuilder()
                .append("# The rules of pool ").append(poolName).append(", exported with ").append(scenarioFileName)
                .append(" by xcp-sim --export-scenario.\n")
                .append("# Once the copy is collected: bin/xcp-manager --settings COPY.properties < ")
                .append(fileName(scenarioFileName)).append('\n')
                .append("USE POOL ").append(poolName).append(ScenarioExporter.COPY_SUFFIX).append('\n');
        if (rules.isEmpty()) {
            script.append("# (the pool had no rules)\n");
        }
        // As typed: "CpuAverage 25", "CpuAverage 25 AND OccupiedMemoryPercent 20", "SCORE CpuAverage*0.7 + ... 15".
        for (HostRule rule : rules) {
            script.append("CREATE RULE HOST ").append(rule.text()).append('\n');
        }
        return script.toString();
    }
}
