package org.xcpbalancer.simulator.rrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.simulator.SimulatedPool;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.model.SimClock;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.model.VmLoad;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;

class DataSourceCatalogTest {

    /** The RRD store's fast path must record exactly what the model's VmLoad says. */
    @Test
    void fastVmSamplingEqualsTheModelsVmLoad() throws Exception {
        PoolModel model = SimulatedPool.create(ScenarioLoader.parse("""
                {"pool": "P", "hosts": [{"name": "A", "cpus": 2, "memoryMb": 8192, "master": true}],
                 "vms": [{"name": "busy", "host": "A", "vcpus": 2, "memoryMb": 1024, "cpu": 0.9,
                          "vifRxKbps": 100, "diskWriteKbps": 7},
                         {"name": "other", "host": "A", "vcpus": 1, "memoryMb": 1024, "cpu": 0.9},
                         {"name": "off", "powerState": "Halted", "vcpus": 1, "memoryMb": 512}]}
                """, "p.json"), SimClock.manual(Instant.parse("2026-01-01T00:00:00Z")), 1).model();
        Instant at = Instant.parse("2026-01-01T00:00:05Z");
        for (SimVm vm : List.of(model.vmByName("busy"), model.vmByName("off"),
                model.hostByName("A").controlDomain())) {
            List<DataSourceDef<VmLoad>> defs = DataSourceCatalog.vm(vm);
            VmLoad load = model.vmLoadAt(vm, at);
            double[] expected = new double[defs.size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = defs.get(i).value().applyAsDouble(load);
            }
            double[] fast = new double[defs.size()];
            DataSourceCatalog.fillVm(vm, model.vmCpuPerVcpuAt(vm, at), fast);
            assertThat(fast).as(vm.name()).containsExactly(expected);
        }
        assertThat(model.vmCpuPerVcpuAt(model.vmByName("busy"), at)).isEqualTo(0.9 * 2 / 2.7);
    }
}
