package org.xcpbalancer.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    /**
     * A 3-host pool to guard: db (ha_restart_priority restart) and scratch (not protected) on host C, web
     * (best-effort) on B; so 2 protected VMs, one of them to restart elsewhere when C dies.
     */
    public static RunningSimulator startGuarded(String poolName) throws Exception {
        String scenario = """
                {"pool": "%s",
                 "hosts": [{"name": "A", "cpus": 8, "memoryMb": 8192, "master": true},
                           {"name": "B", "cpus": 8, "memoryMb": 8192},
                           {"name": "C", "cpus": 8, "memoryMb": 8192}],
                 "vms": [{"name": "db", "host": "C", "vcpus": 2, "memoryMb": 2048, "haRestartPriority": "restart"},
                         {"name": "web", "host": "B", "vcpus": 1, "memoryMb": 1024, "haRestartPriority": "best-effort"},
                         {"name": "scratch", "host": "C", "vcpus": 1, "memoryMb": 512}]}
                """.formatted(poolName);
        return SimulatorServer.start(ScenarioLoader.parse(scenario, poolName), SimulatorOptions.defaults().withSpeed(20));
    }

    /** Writes pools.d/NAME.properties for the simulator, with the given service intervals. */
    public static void poolFile(Path poolsDir, String name, RunningSimulator simulator, String collectEvery,
            String controlEvery, String extra) throws IOException {
        Files.writeString(poolsDir.resolve(name + ".properties"), "xapi.url=" + simulator.masterUrl() + "\n"
                + "xapi.password=root\nservice.collectInterval=" + collectEvery + "\nservice.controlInterval="
                + controlEvery + "\n" + extra);
    }

    /**
     * Writes dir/fence.sh, a guard.fenceCommand ({@code fence.sh {host}}) that fences the host through the
     * simulator's admin API, as a power switch would; it fails unless the simulator answers 200.
     */
    public static Path fenceScript(Path dir, RunningSimulator simulator) throws IOException {
        Path fence = dir.resolve("fence.sh");
        Files.writeString(fence, "#!/bin/bash\nexec 3<>/dev/tcp/127.0.0.1/" + simulator.port() + "\n"
                + "printf 'POST /sim/hosts/%s/fence HTTP/1.0\\r\\nContent-Length: 0\\r\\n\\r\\n' \"$1\" >&3\n"
                + "read -r line <&3; echo \"$line\"; [[ $line == *' 200 '* ]]\n");
        Files.setPosixFilePermissions(fence, PosixFilePermissions.fromString("rwx------"));
        return fence;
    }
}
