package org.xcpbalancer.simulator.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Host;
import com.xensource.xenapi.Message;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VM;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.TestPools;
import org.xcpbalancer.simulator.model.ManualClock;
import org.xcpbalancer.simulator.model.SimClock;

/** A three-host pool on a manual clock for the power tests, and helpers to check xapi's errors and the admin API. */
abstract class PowerPoolTestBase {
    /** Each host has 4096 - 752 (dom0) - 64 (Xen) = 3280 MB for guests. C runs nothing. */
    private static final String POOL = """
            {"pool": "Power Pool",
             "options": {"hostBootSeconds": 60, "hostShutdownSeconds": 10, "hostLivenessTimeoutSeconds": 30},
             "hosts": [{"name": "A", "cpus": 4, "memoryMb": 4096, "master": true, "idleWatts": 100, "maxWatts": 200},
                       {"name": "B", "cpus": 4, "memoryMb": 4096, "idleWatts": 100, "maxWatts": 200},
                       {"name": "C", "cpus": 4, "memoryMb": 4096, "idleWatts": 100, "maxWatts": 200}],
             "vms": [{"name": "onA", "host": "A", "vcpus": 1, "memoryMb": 512, "cpu": 0.5},
                     {"name": "web", "host": "B", "vcpus": 2, "memoryMb": 1024, "cpu": 0.5},
                     {"name": "spare", "powerState": "Halted", "vcpus": 1, "memoryMb": 512, "order": 2},
                     {"name": "big", "powerState": "Halted", "vcpus": 1, "memoryMb": 3300}]}
            """;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    protected ManualClock clock;
    protected RunningSimulator simulator;
    protected Connection connection;

    @BeforeEach
    void start() throws Exception {
        clock = SimClock.manual(Instant.parse("2026-01-01T12:00:00Z"));
        simulator = SimulatorServer.start(TestPools.parse(POOL), clock, SimulatorOptions.defaults());
        connection = SdkSupport.login(simulator.masterUrl());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }


    protected VM vm(String name) throws Exception {
        return VM.getByNameLabel(connection, name).iterator().next();
    }

    protected Host host(String name) throws Exception {
        return Host.getByNameLabel(connection, name).iterator().next();
    }

    protected static String ref(Object object) throws Exception {
        return (String) object.getClass().getMethod("toWireString").invoke(object);
    }

    protected List<String> messages(String vmName) throws Exception {
        String uuid = vm(vmName).getUuid(connection);
        return Message.getAllRecords(connection).values().stream().filter(m -> uuid.equals(m.objUuid))
                .sorted((x, y) -> x.timestamp.compareTo(y.timestamp)).map(m -> m.name).toList();
    }

    /**
     * The SDK turns a known error code into a typed exception whose public fields are the parameters in
     * datamodel_errors.ml's order (missing ones ""); unknown codes keep errorDescription.
     */
    protected static void assertError(ThrowingCallable call, String... description) {
        assertThatThrownBy(call).isInstanceOfSatisfying(Types.XenAPIException.class, e -> {
            if (e.errorDescription != null) {
                assertThat(e.errorDescription).containsExactly(description);
                return;
            }
            String code = e.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
            assertThat(code).isEqualTo(description[0]);
            List<String> fields = new ArrayList<>();
            for (Field field : e.getClass().getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    try {
                        fields.add((String) field.get(e));
                    } catch (IllegalAccessException impossible) {
                        throw new IllegalStateException(impossible);
                    }
                }
            }
            List<String> expected = new ArrayList<>(List.of(description).subList(1, description.length));
            while (expected.size() < fields.size()) {
                expected.add("");
            }
            assertThat(fields).as(code).isEqualTo(expected);
        });
    }

    protected void advance(Duration duration) {
        clock.advance(duration);
    }

    interface Check {
        boolean get() throws Exception;
    }

    protected static boolean call(Check check) {
        try {
            return check.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    protected boolean refused(String address) {
        try (Socket socket = new Socket(address, simulator.port())) {
            return !socket.isConnected();
        } catch (IOException e) {
            return true;
        }
    }

    protected JsonNode admin(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(simulator.masterUrl() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    protected JsonNode state() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(simulator.masterUrl() + "/sim/state"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    protected JsonNode hostState(String name) throws Exception {
        for (JsonNode host : state().get("hosts")) {
            if (host.get("name").asText().equals(name)) {
                return host;
            }
        }
        throw new AssertionError("no host " + name);
    }

    protected JsonNode vmState(String name) throws Exception {
        for (JsonNode vm : state().get("vms")) {
            if (vm.get("name").asText().equals(name)) {
                return vm;
            }
        }
        throw new AssertionError("no VM " + name);
    }

    protected double energyWh() throws Exception {
        return state().get("energyWh").asDouble();
    }
}
