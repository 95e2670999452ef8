package org.xcpbalancer.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.simulator.scenario.PowerState;

class ScenarioLoaderTest {
    static final String MINIMAL = """
            {"pool": "Main Pool",
             "hosts": [{"name": "Host1", "cpus": 4, "memoryMb": 4069, "master": true}],
             "vms": [{"name": "VM1", "host": "Host1", "vcpus": 2, "memoryMb": 1024, "cpu": 0.50}]}
            """;

    @Test
    void minimalFormGetsEveryDefault() throws Exception {
        Scenario scenario = ScenarioLoader.parse(MINIMAL, "pool.json");

        assertThat(scenario.poolName()).isEqualTo("Main Pool");
        assertThat(scenario.poolUuid()).isEqualTo(ScenarioLoader.derivedUuid("Main Pool", "pool", "Main Pool"));
        HostSpec host = scenario.hosts().get(0);
        assertThat(host.name()).isEqualTo("Host1");
        assertThat(host.master()).isTrue();
        assertThat(host.enabled()).isTrue();
        assertThat(host.address()).isEqualTo("127.0.0.1");
        assertThat(host.uuid()).isEqualTo(ScenarioLoader.derivedUuid("Main Pool", "host", "Host1"));
        assertThat(host.controlDomainVcpus()).isEqualTo(4);
        assertThat(host.controlDomainCpu().valueAt(Duration.ZERO)).isEqualTo(HostDefaults.CONTROL_DOMAIN_CPU_PER_VCPU);
        assertThat(host.controlDomainMemoryMb()).isEqualTo(HostDefaults.CONTROL_DOMAIN_MEMORY_MB);

        VmSpec vm = scenario.vms().get(0);
        assertThat(vm.host()).isEqualTo("Host1");
        assertThat(vm.powerState()).isEqualTo(PowerState.RUNNING);
        assertThat(vm.cpu().valueAt(Duration.ofHours(5))).isEqualTo(0.5);
        assertThat(vm.memoryInternalFreeMb()).isEqualTo(Math.round(1024 * VmDefaults.MEMORY_INTERNAL_FREE_SHARE));
        assertThat(vm.vifRxKbps()).isEqualTo(VmDefaults.VIF_RX_KBPS);
        assertThat(vm.vifTxKbps()).isEqualTo(VmDefaults.VIF_TX_KBPS);
        assertThat(vm.tags()).isEmpty();
        assertThat(vm.otherConfig()).isEmpty();

        assertThat(scenario.templates()).isEqualTo(ScenarioLoader.DEFAULT_TEMPLATES)
                .contains("Debian Bookworm 12", "Other install media");
        assertThat(scenario.snapshots()).singleElement().satisfies(s -> assertThat(s.of()).isEqualTo("VM1"));
        assertThat(scenario.options()).isEqualTo(ScenarioOptions.defaults());
    }

    @Test
    void uuidsAreDerivedDeterministicallyAndDifferPerPool() throws Exception {
        Scenario a = ScenarioLoader.parse(MINIMAL, "a.json");
        Scenario b = ScenarioLoader.parse(MINIMAL, "b.json");
        Scenario other = ScenarioLoader.parse(MINIMAL.replace("Main Pool", "Other Pool"), "c.json");
        assertThat(a.vms().get(0).uuid()).isEqualTo(b.vms().get(0).uuid())
                .isNotEqualTo(other.vms().get(0).uuid())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void addressesFollowHostOrderWithTheMasterOnLoopbackOne() throws Exception {
        Scenario scenario = ScenarioLoader.parse("""
                {"pool": "P", "hosts": [
                  {"name": "A", "cpus": 1, "memoryMb": 2048},
                  {"name": "B", "cpus": 1, "memoryMb": 2048, "master": true},
                  {"name": "C", "cpus": 1, "memoryMb": 2048},
                  {"name": "D", "cpus": 1, "memoryMb": 2048, "address": "127.0.0.42"}]}
                """, "p.json");
        assertThat(scenario.hosts()).extracting(HostSpec::address)
                .containsExactly("127.0.0.2", "127.0.0.1", "127.0.0.3", "127.0.0.42");
        assertThat(scenario.master().name()).isEqualTo("B");
        assertThat(scenario.vms()).isEmpty();
        assertThat(scenario.snapshots()).isEmpty();
    }

    @Test
    void everyOptionalFieldIsRead() throws Exception {
        Scenario scenario = ScenarioLoader.parse("""
                {"pool": "P", "poolUuid": "0A3B1C2D-0000-4000-8000-000000000001",
                 "options": {"migrationBandwidthMbPerSec": 50, "migrationFailureRate": 0.25,
                             "postMigrationNoiseSeconds": 90, "postMigrationNoiseAmplitude": 0.5,
                             "hypervisorOverheadMb": 100},
                 "templates": ["T1"],
                 "hosts": [{"name": "H", "cpus": 8, "memoryMb": 16384, "master": true, "enabled": false,
                            "description": "rack 4", "address": "127.0.0.9", "controlDomainVcpus": 2,
                            "controlDomainCpu": 0.2, "controlDomainMemoryMb": 1024, "tags": ["t"],
                            "other_config": {"k": "v"}, "uuid": "00000000-0000-4000-8000-000000000002"}],
                 "vms": [{"name": "V", "host": "H", "vcpus": 2, "memoryMb": 2048, "cpu": 0.3,
                          "memoryInternalFreeMb": 100, "vifRxKbps": 10, "vifTxKbps": 20, "diskReadKbps": 30,
                          "diskWriteKbps": 40, "tags": ["web", "xcp-balancer:ignore"], "description": "d",
                          "other_config": {"os": "Debian"}, "uuid": "00000000-0000-4000-8000-000000000003"},
                         {"name": "Off", "powerState": "Halted", "vcpus": 1, "memoryMb": 512}],
                 "snapshots": [{"name": "V before", "of": "V"}]}
                """, "full.json");
        assertThat(scenario.poolUuid()).isEqualTo("0a3b1c2d-0000-4000-8000-000000000001");
        assertThat(scenario.options()).isEqualTo(
                new ScenarioOptions(50, 0.25, Duration.ofSeconds(90), 0.5, 100));
        assertThat(scenario.templates()).containsExactly("T1");
        HostSpec host = scenario.hosts().get(0);
        assertThat(host).isEqualTo(new HostSpec("H", "00000000-0000-4000-8000-000000000002", "rack 4", 8, 16384,
                true, false, "127.0.0.9", 2, LoadProfile.constant(0.2), 1024, List.of("t"),
                Map.of("k", "v"), 100, 300));
        VmSpec vm = scenario.vms().get(0);
        assertThat(vm).isEqualTo(new VmSpec("V", "00000000-0000-4000-8000-000000000003", "d", "H",
                PowerState.RUNNING, 2, 2048, LoadProfile.constant(0.3), 100, 10, 20, 30, 40,
                List.of("web", "xcp-balancer:ignore"), Map.of("os", "Debian")));
        VmSpec halted = scenario.vms().get(1);
        assertThat(halted.powerState()).isEqualTo(PowerState.HALTED);
        assertThat(halted.host()).isNull();
        assertThat(scenario.snapshots()).singleElement().isEqualTo(
                new SnapshotSpec("V before", ScenarioLoader.derivedUuid("P", "snapshot", "V before"), "V"));
    }

    @Test
    void loadProfilesFollowTime() throws Exception {
        Scenario scenario = ScenarioLoader.parse("""
                {"pool": "P", "hosts": [{"name": "H", "cpus": 8, "memoryMb": 16384, "master": true}],
                 "vms": [
                   {"name": "step", "host": "H", "vcpus": 1, "memoryMb": 512, "cpu": {"profile": "step",
                     "steps": [{"atSeconds": 0, "value": 0.2}, {"atSeconds": 300, "value": 0.9}]}},
                   {"name": "sine", "host": "H", "vcpus": 1, "memoryMb": 512, "cpu": {"profile": "sine",
                     "mean": 0.5, "amplitude": 0.25, "periodSeconds": 600}},
                   {"name": "walk", "host": "H", "vcpus": 1, "memoryMb": 512, "cpu": {"profile": "randomWalk",
                     "start": 0.5, "maxStep": 0.1, "intervalSeconds": 60, "seed": 7, "min": 0.2, "max": 0.8}},
                   {"name": "const", "host": "H", "vcpus": 1, "memoryMb": 512,
                     "cpu": {"profile": "constant", "value": 0.4}}]}
                """, "p.json");
        LoadProfile step = scenario.vm("step").orElseThrow().cpu();
        assertThat(step.valueAt(Duration.ofSeconds(299))).isEqualTo(0.2);
        assertThat(step.valueAt(Duration.ofSeconds(300))).isEqualTo(0.9);
        assertThat(step.valueAt(Duration.ofSeconds(-10))).isEqualTo(0.2);

        LoadProfile sine = scenario.vm("sine").orElseThrow().cpu();
        assertThat(sine.valueAt(Duration.ZERO)).isEqualTo(0.5);
        assertThat(sine.valueAt(Duration.ofSeconds(150))).isCloseTo(0.75, Offset.offset(1e-9));
        assertThat(sine.valueAt(Duration.ofSeconds(450))).isCloseTo(0.25, Offset.offset(1e-9));

        LoadProfile walk = scenario.vm("walk").orElseThrow().cpu();
        assertThat(walk.valueAt(Duration.ZERO)).isEqualTo(0.5);
        double[] values = new double[200];
        for (int i = 0; i < values.length; i++) {
            values[i] = walk.valueAt(Duration.ofSeconds(60L * i));
            assertThat(values[i]).isBetween(0.2, 0.8);
            if (i > 0) {
                assertThat(Math.abs(values[i] - values[i - 1])).isLessThanOrEqualTo(0.1 + 1e-12);
            }
        }
        assertThat(Arrays.stream(values).distinct().count()).as("it walks").isGreaterThan(100);
        LoadProfile sameSeed = ScenarioLoader.parse(scenarioJsonOfWalk(7), "q.json").vms().get(0).cpu();
        LoadProfile otherSeed = ScenarioLoader.parse(scenarioJsonOfWalk(8), "q.json").vms().get(0).cpu();
        assertThat(sameSeed.valueAt(Duration.ofMinutes(90))).isEqualTo(walk.valueAt(Duration.ofMinutes(90)));
        assertThat(otherSeed.valueAt(Duration.ofMinutes(90))).isNotEqualTo(walk.valueAt(Duration.ofMinutes(90)));

        assertThat(scenario.vm("const").orElseThrow().cpu()).isEqualTo(LoadProfile.constant(0.4));
    }

    private static String scenarioJsonOfWalk(long seed) {
        return """
                {"pool": "P", "hosts": [{"name": "H", "cpus": 8, "memoryMb": 16384, "master": true}],
                 "vms": [{"name": "walk", "host": "H", "vcpus": 1, "memoryMb": 512, "cpu": {"profile": "randomWalk",
                     "start": 0.5, "maxStep": 0.1, "intervalSeconds": 60, "seed": %d, "min": 0.2, "max": 0.8}}]}
                """.formatted(seed);
    }

    @Test
    void loadsFromAFileAndNamesItInMessages(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, MINIMAL);
        assertThat(ScenarioLoader.load(file).sourceName()).isEqualTo("mine.json");

        Files.writeString(file, MINIMAL.replace("\"Host1\", \"vcpus\"", "\"Host9\", \"vcpus\""));
        assertThatThrownBy(() -> ScenarioLoader.load(file)).isInstanceOf(ScenarioException.class)
                .hasMessage("mine.json: vms[0].host: no host \"Host9\"");

        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> ScenarioLoader.load(missing)).hasMessage(missing + ": no such file");
    }

    @Test
    void builtinScenariosLoad() throws Exception {
        Scenario paper = ScenarioLoader.builtin("paper-unbalanced");
        assertThat(paper.poolName()).isEqualTo("Main Pool");
        assertThat(paper.hosts()).extracting(HostSpec::name, HostSpec::cpus, HostSpec::memoryMb, HostSpec::master)
                .containsExactly(Tuple.tuple("Host1", 4, 4069L, true),
                        Tuple.tuple("Host2", 4, 4069L, false));
        assertThat(paper.vms()).extracting(VmSpec::name, VmSpec::host, VmSpec::vcpus, VmSpec::memoryMb)
                .containsExactly(Tuple.tuple("VM1 - Debian", "Host1", 2, 1024L),
                        Tuple.tuple("VM2 - Debian", "Host2", 2, 256L),
                        Tuple.tuple("VM3 - Ubuntu", "Host2", 3, 1024L));
        assertThat(paper.vms()).extracting(v -> v.cpu().valueAt(Duration.ZERO)).containsExactly(0.50, 1.00, 0.67);

        Scenario sixteen = ScenarioLoader.builtin("pool-16-hosts-400-vms.json");
        assertThat(sixteen.hosts()).hasSize(16);
        assertThat(sixteen.vms()).hasSize(400);
        assertThat(sixteen.vms()).filteredOn(v -> v.powerState() == PowerState.HALTED).isNotEmpty();
        assertThat(sixteen.vms()).filteredOn(v -> v.tags().contains("xcp-balancer:ignore")).isNotEmpty();

        Scenario big = ScenarioLoader.builtin("pool-64-hosts-2000-vms");
        assertThat(big.hosts()).hasSize(64);
        assertThat(big.vms()).hasSize(2000);
        assertThat(big.vms()).filteredOn(v -> v.cpu() instanceof RandomWalkLoad).isNotEmpty();
        assertThat(big.vms()).filteredOn(v -> v.cpu() instanceof LoadProfile.Sine).isNotEmpty();

        assertThatThrownBy(() -> ScenarioLoader.builtin("no-such-pool"))
                .hasMessage("no-such-pool.json: no built-in scenario of that name");
    }
}
