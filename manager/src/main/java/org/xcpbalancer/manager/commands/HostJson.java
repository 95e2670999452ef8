package org.xcpbalancer.manager.commands;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolState;

/** A host for --format json: every column, null when not measured. */
final class HostJson {
    private HostJson() {
    }

    static Map<String, Object> of(HostState host, PoolState state) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("uuid", host.uuid());
        json.put("name", host.name());
        json.put("ip", host.ip());
        json.put("cpuNum", host.cpuNum());
        json.put("cpuAverage", host.cpuAverage());
        json.put("memoryTotalMb", host.memoryTotalMb());
        json.put("memoryFreeMb", host.memoryFreeMb());
        json.put("occupiedMemoryMb", host.occupiedMemoryMb());
        json.put("xapiMemoryUsageMb", host.xapiMemoryUsageMb());
        json.put("xapiFreeMemoryMb", host.xapiFreeMemoryMb());
        json.put("pifLoRxKb", host.pifLoRxKb());
        json.put("pifLoTxKb", host.pifLoTxKb());
        json.put("pifEth0RxKb", host.pifEth0RxKb());
        json.put("pifEth0TxKb", host.pifEth0TxKb());
        json.put("dom0LoadAvg", host.dom0LoadAvg());
        json.put("enabled", host.enabled());
        json.put("live", host.live());
        json.put("vmCount", guestCount(host, state));
        json.put("tags", host.tags().stream().sorted().toList());
        json.put("labels", org.xcpbalancer.core.constraints.ConstraintTags.values(host.tags(),
                org.xcpbalancer.core.constraints.ConstraintTags.LABEL).stream().toList());
        json.put("metricsAt", host.metricsAt() == null ? null : host.metricsAt().toString());
        return json;
    }

    /** VMs on the host, its control domain not counted. */
    static long guestCount(HostState host, PoolState state) {
        return state.vmsOn(host.uuid()).stream().filter(v -> !v.controlDomain()).count();
    }
}
