package org.xcpbalancer.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad scenario gets one line naming the file and the offending field. */
class ScenarioErrorsTest {
    private static final String HOST1 = "{\"name\": \"Host1\", \"cpus\": 4, \"memoryMb\": 4069, \"master\": true}";
    private static final String HOST2 = "{\"name\": \"Host2\", \"cpus\": 4, \"memoryMb\": 4069}";

    private static String pool(String hosts, String vms) {
        return "{\"pool\": \"Main Pool\", \"hosts\": [" + hosts + "], \"vms\": [" + vms + "]}";
    }

    private static String vm(String name, String fields) {
        return "{\"name\": \"" + name + "\", " + fields + "}";
    }

    private static final String OK_VM = "\"host\": \"Host1\", \"vcpus\": 1, \"memoryMb\": 256, \"cpu\": 0.1";

    static Stream<Arguments> badScenarios() {
        return Stream.of(
                Arguments.of(pool(HOST1 + "," + HOST2, vm("A", OK_VM) + "," + vm("B", OK_VM) + "," + vm("C", OK_VM)
                        + "," + vm("D", "\"host\": \"Host9\", \"vcpus\": 1, \"memoryMb\": 256")),
                        "pool.json: vms[3].host: no host \"Host9\""),
                Arguments.of("{\"pool\": \"P\", \"hosts\": [" + HOST1 + "], \"colour\": \"blue\"}",
                        "pool.json: colour: unknown field"),
                Arguments.of(pool(HOST1, vm("A", OK_VM + ", \"cpus\": 2")), "pool.json: vms[0].cpus: unknown field"),
                Arguments.of(pool("{\"name\": \"Host1\", \"cpus\": 4, \"memoryMb\": 4069, \"master\": true, "
                        + "\"ram\": 1}", ""), "pool.json: hosts[0].ram: unknown field"),
                Arguments.of(pool(HOST1, vm("A", "\"host\": \"Host1\", \"vcpus\": \"two\", \"memoryMb\": 256")),
                        "pool.json: vms[0].vcpus: must be an integer from 1 to 256, not \"two\""),
                Arguments.of(pool(HOST1, vm("A", "\"host\": \"Host1\", \"vcpus\": 1, \"memoryMb\": 256, \"cpu\": 1.5")),
                        "pool.json: vms[0].cpu: must be a number from 0 to 1, not 1.5"),
                Arguments.of(pool(HOST1, vm("A", "\"host\": \"Host1\", \"vcpus\": 1, \"memoryMb\": 256, \"cpu\": -0.1")),
                        "pool.json: vms[0].cpu: must be a number from 0 to 1, not -0.1"),
                Arguments.of(pool(HOST1, vm("A", "\"host\": \"Host1\", \"vcpus\": 1, \"memoryMb\": 0")),
                        "pool.json: vms[0].memoryMb: must be an integer from 1 to 67108864, not 0"),
                Arguments.of(pool("{\"name\": \"Host1\", \"cpus\": 0, \"memoryMb\": 4069, \"master\": true}", ""),
                        "pool.json: hosts[0].cpus: must be an integer from 1 to 1024, not 0"),
                Arguments.of(pool("{\"name\": \"Host1\", \"cpus\": 4, \"memoryMb\": -5, \"master\": true}", ""),
                        "pool.json: hosts[0].memoryMb: must be an integer from 1 to 67108864, not -5"),
                Arguments.of(pool("{\"name\": \"Host1\", \"cpus\": 4, \"memoryMb\": 4069, \"master\": \"yes\"}", ""),
                        "pool.json: hosts[0].master: must be true or false, not \"yes\""),
                Arguments.of(pool(HOST1 + "," + HOST1.replace(", \"master\": true", ""), ""),
                        "pool.json: hosts[1].name: duplicate host name \"Host1\""),
                Arguments.of(pool(HOST1 + "," + HOST2.replace("}", ", \"master\": true}"), ""),
                        "pool.json: hosts[1].master: a pool has exactly one master, and hosts[0] is already master"),
                Arguments.of(pool(HOST2, ""),
                        "pool.json: hosts: no host has \"master\": true; a pool has exactly one master"),
                Arguments.of(pool(HOST1, vm("A", OK_VM) + "," + vm("A", OK_VM)),
                        "pool.json: vms[1].name: duplicate VM name \"A\""),
                Arguments.of(pool(HOST1, vm("Big", "\"host\": \"Host1\", \"vcpus\": 1, \"memoryMb\": 8192")),
                        "pool.json: vms[0].memoryMb: 8192 MB exceeds its host \"Host1\" (4069 MB)"),
                Arguments.of(pool(HOST1, vm("A", "\"host\": \"Host1\", \"vcpus\": 1, \"memoryMb\": 3000") + ","
                                + vm("B", "\"host\": \"Host1\", \"vcpus\": 1, \"memoryMb\": 1000")),
                        "pool.json: vms[1].memoryMb: 1000 MB does not fit on host \"Host1\", which has 317 MB left "
                                + "for guests"),
                Arguments.of(pool(HOST1, vm("A", "\"host\": \"Host1\", \"powerState\": \"Halted\", \"vcpus\": 1, "
                                + "\"memoryMb\": 256")),
                        "pool.json: vms[0].host: a Halted VM has no host (remove \"host\" or make it Running)"),
                Arguments.of(pool(HOST1, vm("A", "\"vcpus\": 1, \"memoryMb\": 256")),
                        "pool.json: vms[0].host: missing (a Running VM needs a host; use \"powerState\": \"Halted\" "
                                + "for none)"),
                Arguments.of(pool(HOST1, vm("A", "\"host\": \"Host1\", \"vcpus\": 8, \"memoryMb\": 256")),
                        "pool.json: vms[0].vcpus: 8 vCPUs exceed its host \"Host1\" (4 cores)"),
                Arguments.of(pool(HOST1, vm("A", OK_VM + ", \"powerState\": \"running\"")),
                        "pool.json: vms[0].powerState: must be \"Running\" or \"Halted\", not \"running\""),
                Arguments.of(pool(HOST1, vm("A", OK_VM + ", \"uuid\": \"not-a-uuid\"")),
                        "pool.json: vms[0].uuid: not a UUID: \"not-a-uuid\""),
                Arguments.of(pool(HOST1, vm("A", OK_VM + ", \"uuid\": \"11111111-1111-4111-8111-111111111111\"") + ","
                                + vm("B", OK_VM + ", \"uuid\": \"11111111-1111-4111-8111-111111111111\"")),
                        "pool.json: vms[1].uuid: duplicate uuid 11111111-1111-4111-8111-111111111111"),
                Arguments.of(pool(HOST1, vm("A", "\"host\": \"Host1\", \"vcpus\": 1, \"memoryMb\": 256, "
                                + "\"cpu\": {\"profile\": \"square\"}")),
                        "pool.json: vms[0].cpu.profile: must be constant, step, sine or randomWalk, not \"square\""),
                Arguments.of(pool(HOST1, vm("A", "\"host\": \"Host1\", \"vcpus\": 1, \"memoryMb\": 256, "
                                + "\"cpu\": {\"profile\": \"step\", \"steps\": [{\"atSeconds\": 60, \"value\": 0.1}, "
                                + "{\"atSeconds\": 30, \"value\": 0.2}]}")),
                        "pool.json: vms[0].cpu.steps[1].atSeconds: steps must be in increasing time order"),
                Arguments.of(pool(HOST1, vm("A", "\"host\": \"Host1\", \"vcpus\": 1, \"memoryMb\": 256, "
                                + "\"cpu\": {\"profile\": \"sine\", \"mean\": 0.5, \"periodSeconds\": 60}")),
                        "pool.json: vms[0].cpu.amplitude: missing"),
                Arguments.of(pool(HOST1, vm("A", OK_VM + ", \"tags\": \"web\"")),
                        "pool.json: vms[0].tags: must be an array of strings"),
                Arguments.of(pool(HOST1, vm("A", OK_VM + ", \"other_config\": {\"k\": 1}")),
                        "pool.json: vms[0].other_config.k: must be a string"),
                Arguments.of(pool("{\"name\": \"Host1\", \"cpus\": 4, \"memoryMb\": 4069, \"master\": true, "
                                + "\"address\": \"localhost\"}", ""),
                        "pool.json: hosts[0].address: not an IPv4 address: \"localhost\""),
                Arguments.of(pool(HOST1 + "," + HOST2.replace("}", ", \"address\": \"127.0.0.1\"}"), ""),
                        "pool.json: hosts[1].address: duplicate address 127.0.0.1"),
                Arguments.of("{\"pool\": \"P\", \"hosts\": []}", "pool.json: hosts: a pool needs at least one host"),
                Arguments.of("{\"hosts\": [" + HOST1 + "]}", "pool.json: pool: missing"),
                Arguments.of("{\"pool\": \"P\", \"hosts\": [" + HOST1 + "], \"snapshots\": [{\"name\": \"s\", "
                        + "\"of\": \"Nobody\"}]}", "pool.json: snapshots[0].of: no VM \"Nobody\""),
                Arguments.of("{\"pool\": \"P\", \"hosts\": [" + HOST1 + "], \"options\": {"
                        + "\"migrationFailureRate\": 2}}",
                        "pool.json: options.migrationFailureRate: must be a number from 0 to 1, not 2"),
                Arguments.of("{\"pool\": \"P\", \"hosts\": [" + HOST1 + "], \"templates\": []}",
                        "pool.json: templates: must not be empty (a pool always offers templates)"),
                Arguments.of("[1, 2]", "pool.json: must be a JSON object"),
                Arguments.of("", "pool.json: empty file"));
    }

    @ParameterizedTest
    @MethodSource("badScenarios")
    void oneLineNamingFileAndField(String json, String expectedMessage) {
        ScenarioException error = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioLoader.parse(json, "pool.json"));
        assertThat(error).as("rejected").isNotNull();
        assertThat(error.getMessage()).startsWith(expectedMessage).doesNotContain("\n");
    }

    @ParameterizedTest
    @MethodSource("badJson")
    void invalidJsonNamesLineAndColumn(String json, String expectedStart) {
        ScenarioException error = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioLoader.parse(json, "pool.json"));
        assertThat(error.getMessage()).startsWith(expectedStart).doesNotContain("\n").doesNotContain("\r")
                .doesNotContain("Source").doesNotContain("(for ");
    }

    static Stream<Arguments> badJson() {
        return Stream.of(
                Arguments.of("{\"pool\": \"P\",\n \"hosts\": [}", "pool.json: line 2, column 12: invalid JSON: "
                        + "Unexpected close marker '}': expected ']'"),
                Arguments.of("{\"pool\": \"P\", \"pool\": \"Q\"}", "pool.json: line 1, column 21: invalid JSON: "
                        + "Duplicate field 'pool'"),
                Arguments.of("{\"pool\": \"P\"} {}", "pool.json: line 1, column 15: invalid JSON: more content after the "
                        + "end of the scenario object"));
    }
}
