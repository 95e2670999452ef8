package org.xcpbalancer.simulator.scenario;

import java.util.Arrays;

/** Reads one entry of "hosts". */
record HostReader(JsonFields host, String poolName, boolean master, String defaultAddress) {
    HostSpec read(ScenarioReader reader) throws ScenarioException {
        String name = host.requiredName("name");
        String uuid = reader.hostUuid(host, poolName, name);
        int cpus = (int) host.requiredLong("cpus", 1, 1024);
        long memoryMb = host.requiredLong("memoryMb", 1, 64L * 1024 * 1024);
        host.optionalBoolean("master", false);
        String address = host.optionalString("address", defaultAddress);
        if (!address.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                || Arrays.stream(address.split("\\.")).anyMatch(p -> Integer.parseInt(p) > 255)) {
            throw host.error("address", "not an IPv4 address: \"" + address + "\"");
        }
        int dom0Vcpus = (int) host.optionalLong("controlDomainVcpus", 1, 1024,
                Math.min(cpus, HostDefaults.CONTROL_DOMAIN_VCPUS_MAX));
        LoadProfile dom0Cpu = host.has("controlDomainCpu")
                ? LoadProfiles.read(host, "controlDomainCpu", poolName + "/dom0/" + name)
                : LoadProfile.constant(HostDefaults.CONTROL_DOMAIN_CPU_PER_VCPU);
        long dom0MemoryMb = host.optionalLong("controlDomainMemoryMb", 1, 64L * 1024 * 1024,
                Math.min(HostDefaults.CONTROL_DOMAIN_MEMORY_MB, memoryMb / 2));
        if (dom0MemoryMb >= memoryMb) {
            throw host.error("controlDomainMemoryMb", dom0MemoryMb + " MB leaves nothing of the host's "
                    + memoryMb + " MB");
        }
        double idleWatts = host.optionalDouble("idleWatts", 0, 100_000, HostDefaults.IDLE_WATTS);
        double maxWatts = host.optionalDouble("maxWatts", 0, 100_000, Math.max(idleWatts, HostDefaults.MAX_WATTS));
        if (maxWatts < idleWatts) {
            throw host.error("maxWatts", maxWatts + " W is less than idleWatts " + idleWatts + " W");
        }
        HostSpec spec = new HostSpec(name, uuid, host.optionalString("description", "Simulated host " + name),
                cpus, memoryMb, master, host.optionalBoolean("enabled", true), address, dom0Vcpus, dom0Cpu,
                dom0MemoryMb, host.stringList("tags"), host.stringMap("other_config"),
                idleWatts, maxWatts);
        host.rejectUnknown();
        return spec;
    }
}
