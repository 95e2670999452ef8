package org.xcpbalancer.simulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.xcpbalancer.simulator.fault.FaultSettings;
import org.xcpbalancer.simulator.model.PlacementModel;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;

/**
 * The /sim/ admin API (JSON), served on the master's address only; it is not XAPI and no XAPI call reaches it.
 * <pre>
 * GET  /sim/state                      the true state of the pool
 * POST /sim/vms/{name|uuid}/cpu        {"cpu": 0.8}  the VM's demand per vCPU from now on
 * POST /sim/vms/{name|uuid}/operation  {"operation": "snapshot"}  held as a current operation; null releases it
 * GET  /sim/ha                         HA settings, ha_plan_exists_for, ha_overcommitted, rolling upgrade
 * POST /sim/ha                         {"enabled":..,"hostFailuresToTolerate":..,"allowOvercommit":..} (fields given)
 * POST /sim/hosts/{name|uuid}/kill     the host stops answering, host_metrics.live false
 * POST /sim/hosts/{name|uuid}/revive
 * POST /sim/vms/{name|uuid}/crash      the guest crashes: Halted, no VM_SHUTDOWN message
 * POST /sim/vms/{name|uuid}/hang       the guest hangs: Running, its agent's heartbeat stops
 * POST /sim/vms/{name|uuid}/pause      the hypervisor pauses it (on_crash "preserve"): Paused, no VM_PAUSED message
 * GET  /sim/faults                     current fault settings
 * POST /sim/faults                     {"latencyMs":..,"failShare":..,"dropShare":..,"hangMigrations":..,
 *                                       "migrationFailureShare":..|null}  (fields given are changed)
 * POST /sim/sessions/expire            every session becomes invalid
 * </pre>
 * Errors are {"error": "..."} with 400 (bad input) or 404 (unknown path, host or VM).
 */
public final class AdminHttpHandler implements HttpHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimulatorAdmin admin;
    private final LongSupplier callCount;

    public AdminHttpHandler(SimulatorAdmin admin, LongSupplier callCount) {
        this.admin = admin;
        this.callCount = callCount;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String[] parts = exchange.getRequestURI().getPath().substring("/sim/".length()).split("/");
        byte[] body = exchange.getRequestBody().readAllBytes();
        try {
            Object answer = route(method, parts, body);
            if (answer == null) {
                reply(exchange, 404, Map.of("error", "no such admin path: " + method + " " + exchange.getRequestURI()));
            } else {
                reply(exchange, 200, answer);
            }
        } catch (IllegalArgumentException e) {
            int status = e.getMessage() != null && e.getMessage().startsWith("no ") ? 404 : 400;
            reply(exchange, status, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private Object route(String method, String[] parts, byte[] body) throws IOException {
        boolean get = method.equals("GET");
        boolean post = method.equals("POST");
        if (get && parts.length == 1 && parts[0].equals("state")) {
            Map<String, Object> state = new LinkedHashMap<>(admin.state());
            state.put("xapiCalls", callCount.getAsLong());
            return state;
        }
        if (parts.length == 1 && parts[0].equals("faults")) {
            if (post) {
                admin.setFaults(updatedFaults(admin.faults(), readJson(body)));
            } else if (!get) {
                return null;
            }
            return SimulatorAdmin.faultsAsMap(admin.faults());
        }
        if (post && parts.length == 2 && parts[0].equals("sessions") && parts[1].equals("expire")) {
            return Map.of("expired", admin.expireSessions());
        }
        if (post && parts.length == 3 && parts[0].equals("vms") && parts[2].equals("cpu")) {
            JsonNode cpu = readJson(body).get("cpu");
            if (cpu == null || !cpu.isNumber()) {
                throw new IllegalArgumentException("body must be {\"cpu\": <0..1>}");
            }
            admin.setVmCpu(parts[1], cpu.asDouble());
            return Map.of("vm", parts[1], "cpu", cpu.asDouble());
        }
        if (post && parts.length == 3 && parts[0].equals("vms") && parts[2].equals("operation")) {
            JsonNode operation = readJson(body).get("operation");
            if (operation == null || !(operation.isNull() || operation.isTextual())) {
                throw new IllegalArgumentException("body must be {\"operation\": \"<name>\"} or {\"operation\": null}");
            }
            admin.holdOperation(parts[1], operation.isNull() ? null : operation.asText());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("vm", parts[1]);
            answer.put("operation", operation.isNull() ? null : operation.asText());
            return answer;
        }
        if (parts.length == 1 && parts[0].equals("ha")) {
            if (post) {
                admin.setHa(updatedHa(admin.haAsMap(), readJson(body)));
            } else if (!get) {
                return null;
            }
            return admin.haAsMap();
        }
        if (post && parts.length == 3 && parts[0].equals("hosts")) {
            switch (parts[2]) {
                case "kill" -> admin.killHost(parts[1]);
                case "revive" -> admin.reviveHost(parts[1]);
                case "fence" -> admin.fenceHost(parts[1]);
                case "partition" -> admin.partitionHost(parts[1], true);
                case "heal" -> admin.partitionHost(parts[1], false);
                default -> {
                    return null;
                }
            }
            SimHost host = admin.host(parts[1]);
            return Map.of("host", parts[1], "live", host.live(), "power",
                    host.power().name().toLowerCase(Locale.ROOT), "partitioned", host.partitioned());
        }
        if (post && parts.length == 3 && parts[0].equals("vms")
                && Set.of("crash", "hang", "pause").contains(parts[2])) {
            switch (parts[2]) {
                case "crash" -> admin.crashVm(parts[1]);
                case "hang" -> admin.hangVm(parts[1]);
                default -> admin.pauseVm(parts[1]);
            }
            SimVm vm = admin.vm(parts[1]);
            return Map.of("vm", parts[1], "powerState", vm.powerState().xapiName());
        }
        return null;
    }

    private static FaultSettings updatedFaults(FaultSettings current, JsonNode update) {
        FaultSettings result = current;
        for (String field : List.of("latencyMs", "failShare", "dropShare", "hangMigrations", "migrationFailureShare")) {
            JsonNode value = update.get(field);
            if (value == null) {
                continue;
            }
            result = switch (field) {
                case "latencyMs" -> result.withLatency(Duration.ofMillis(requireNumber(field, value).asLong()));
                case "failShare" -> result.withFailShare(requireNumber(field, value).asDouble());
                case "dropShare" -> result.withDropShare(requireNumber(field, value).asDouble());
                case "hangMigrations" -> {
                    if (!value.isBoolean()) {
                        throw new IllegalArgumentException("hangMigrations must be true or false");
                    }
                    yield result.withHangMigrations(value.asBoolean());
                }
                default -> result.withMigrationFailureShare(value.isNull() ? null
                        : requireNumber(field, value).asDouble());
            };
        }
        return result;
    }

    private static PlacementModel.HaSettings updatedHa(Map<String, Object> current, JsonNode update) {
        boolean enabled = (Boolean) current.get("enabled");
        long failures = (Long) current.get("hostFailuresToTolerate");
        boolean overcommit = (Boolean) current.get("allowOvercommit");
        for (String field : List.of("enabled", "hostFailuresToTolerate", "allowOvercommit")) {
            JsonNode value = update.get(field);
            if (value == null) {
                continue;
            }
            if (field.equals("hostFailuresToTolerate")) {
                if (!value.canConvertToLong() || !value.isIntegralNumber()) {
                    throw new IllegalArgumentException(field + " must be a whole number");
                }
                failures = value.asLong();
            } else if (!value.isBoolean()) {
                throw new IllegalArgumentException(field + " must be true or false");
            } else if (field.equals("enabled")) {
                enabled = value.asBoolean();
            } else {
                overcommit = value.asBoolean();
            }
        }
        return new PlacementModel.HaSettings(enabled, failures, overcommit);
    }

    private static JsonNode requireNumber(String field, JsonNode value) {
        if (!value.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number");
        }
        return value;
    }

    private static JsonNode readJson(byte[] body) {
        try {
            JsonNode node = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not valid JSON");
        }
    }

    private static void reply(HttpExchange exchange, int status, Object value) throws IOException {
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
