package org.xcpbalancer.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;

/** Simulated pools for the service's tests: a built-in scenario under a pool name of its own (so its own uuids). */
public final class SimulatedPools {
    private SimulatedPools() {
    }

    /** Starts the built-in scenario renamed to poolName, at the given speed. */
    public static RunningSimulator start(String scenario, String poolName, double speed) throws Exception {
        String json;
        try (InputStream in = ScenarioLoader.class.getClassLoader()
                .getResourceAsStream(ScenarioLoader.BUILTIN_FOLDER + scenario + ".json")) {
            if (in == null) {
                throw new IOException("no built-in scenario " + scenario);
            }
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String renamed = json.replaceFirst("\"pool\"\\s*:\\s*\"[^\"]*\"", "\"pool\": \"" + poolName + "\"");
        return SimulatorServer.start(ScenarioLoader.parse(renamed, poolName), SimulatorOptions.defaults().withSpeed(speed));
    }

    /** Writes pools.d/NAME.properties for the simulator, with the given service intervals. */
    public static void poolFile(Path poolsDir, String name, RunningSimulator simulator, String collectEvery,
            String controlEvery, String extra) throws IOException {
        Files.writeString(poolsDir.resolve(name + ".properties"), "xapi.url=" + simulator.masterUrl() + "\n"
                + "xapi.password=root\nservice.collectInterval=" + collectEvery + "\nservice.controlInterval="
                + controlEvery + "\n" + extra);
    }
}
