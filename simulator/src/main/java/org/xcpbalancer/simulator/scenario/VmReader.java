package org.xcpbalancer.simulator.scenario;

import java.util.Map;

/** Reads one entry of "vms". */
record VmReader(JsonFields vm, String poolName, Map<String, HostSpec> hosts) {
    VmSpec read(ScenarioReader reader) throws ScenarioException {
        String name = vm.requiredName("name");
        String uuid = reader.vmUuid(vm, poolName, name);
        PowerState powerState = powerState();
        String hostName = vm.optionalString("host", null);
        HostSpec host = null;
        if (powerState == PowerState.HALTED) {
            if (hostName != null) {
                throw vm.error("host", "a Halted VM has no host (remove \"host\" or make it Running)");
            }
        } else {
            if (hostName == null) {
                throw vm.error("host", "missing (a Running VM needs a host; use \"powerState\": \"Halted\" for none)");
            }
            host = hosts.get(hostName);
            if (host == null) {
                throw vm.error("host", "no host \"" + hostName + "\"");
            }
        }
        int vcpus = (int) vm.requiredLong("vcpus", 1, 256);
        if (host != null && vcpus > host.cpus()) {
            throw vm.error("vcpus", vcpus + " vCPUs exceed its host \"" + host.name() + "\" (" + host.cpus()
                    + " cores)");
        }
        long memoryMb = vm.requiredLong("memoryMb", 1, 64L * 1024 * 1024);
        if (host != null && memoryMb > host.memoryMb()) {
            throw vm.error("memoryMb", memoryMb + " MB exceeds its host \"" + host.name() + "\" ("
                    + host.memoryMb() + " MB)");
        }
        LoadProfile cpu = vm.has("cpu") ? LoadProfiles.read(vm, "cpu", poolName + "/vm/" + name)
                : LoadProfile.constant(VmDefaults.CPU);
        long internalFreeMb = vm.optionalLong("memoryInternalFreeMb", 0, memoryMb,
                Math.round(memoryMb * VmDefaults.MEMORY_INTERNAL_FREE_SHARE));
        VmSpec spec = new VmSpec(name, uuid, vm.optionalString("description", ""), host == null ? null : host.name(),
                powerState, vcpus, memoryMb, cpu, internalFreeMb,
                vm.optionalDouble("vifRxKbps", 0, 100_000_000, VmDefaults.VIF_RX_KBPS),
                vm.optionalDouble("vifTxKbps", 0, 100_000_000, VmDefaults.VIF_TX_KBPS),
                vm.optionalDouble("diskReadKbps", 0, 100_000_000, VmDefaults.DISK_READ_KBPS),
                vm.optionalDouble("diskWriteKbps", 0, 100_000_000, VmDefaults.DISK_WRITE_KBPS),
                vm.stringList("tags"), vm.stringMap("other_config"), placement(powerState));
        vm.rejectUnknown();
        return spec;
    }

    /** passthrough, affinity, haRestartPriority and currentOperation (docs/simulator-scenarios.md). */
    private VmPlacementSpec placement(PowerState powerState) throws ScenarioException {
        String passthrough = vm.optionalString("passthrough", null);
        if (passthrough != null && !passthrough.equals("pci") && !passthrough.equals("vgpu")) {
            throw vm.error("passthrough", "must be \"pci\" or \"vgpu\", not \"" + passthrough + "\"");
        }
        String affinity = vm.optionalString("affinity", null);
        if (affinity != null && !hosts.containsKey(affinity)) {
            throw vm.error("affinity", "no host \"" + affinity + "\"");
        }
        String priority = vm.optionalString("haRestartPriority", "");
        if (!priority.isEmpty() && !priority.equals("restart") && !priority.equals("best-effort")) {
            throw vm.error("haRestartPriority", "must be \"restart\", \"best-effort\" or \"\", not \"" + priority
                    + "\"");
        }
        String operation = vm.optionalString("currentOperation", null);
        if (operation != null && !operation.matches("[a-z][a-z_]*")) {
            throw vm.error("currentOperation", "not a VM operation name (e.g. \"snapshot\"): \"" + operation + "\"");
        }
        if (operation != null && powerState == PowerState.HALTED) {
            throw vm.error("currentOperation", "a Halted VM runs no operation here (make it Running)");
        }
        long order = vm.optionalLong("order", 0, Integer.MAX_VALUE, 0);
        long startDelay = vm.optionalLong("startDelay", 0, 86_400, 0);
        return new VmPlacementSpec(passthrough, affinity, priority, operation, order, startDelay);
    }

    private PowerState powerState() throws ScenarioException {
        String value = vm.optionalString("powerState", "Running");
        return switch (value) {
            case "Running" -> PowerState.RUNNING;
            case "Halted" -> PowerState.HALTED;
            default -> throw vm.error("powerState", "must be \"Running\" or \"Halted\", not \"" + value + "\"");
        };
    }
}
