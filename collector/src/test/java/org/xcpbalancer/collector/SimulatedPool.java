package org.xcpbalancer.collector;

import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.xcpbalancer.core.db.generated.Tables;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;

/** Test helpers: a simulator from a JSON scenario, its XAPI settings, and the database as name maps. */
final class SimulatedPool {
    private SimulatedPool() {
    }

    static RunningSimulator start(String scenarioJson, SimulatorOptions options) throws Exception {
        return SimulatorServer.start(ScenarioLoader.parse(scenarioJson, "test scenario"), options);
    }

    static RunningSimulator paper(SimulatorOptions options) throws Exception {
        return SimulatorServer.start(ScenarioLoader.builtin("paper-unbalanced"), options);
    }

    static XapiSettings xapi(RunningSimulator simulator) {
        return XapiSettings.plain(simulator.masterUrl(), "root", Secret.of("root"));
    }

    /** VM name -> host name, from the Map table. */
    static Map<String, String> placement(DSLContext db) {
        return db.select(Tables.VM.Name, Tables.HOST.Name).from(Tables.MAP)
                .join(Tables.VM).on(Tables.VM.UUID.eq(Tables.MAP.VmUuid))
                .join(Tables.HOST).on(Tables.HOST.UUID.eq(Tables.MAP.HostUuid))
                .fetch().stream().collect(Collectors.toMap(r -> r.value1(), r -> r.value2()));
    }
}
