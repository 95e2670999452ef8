package org.xcpbalancer.simulator.scenario;

/**
 * What a scenario says about where a VM may run and whether it may move (docs/simulator-scenarios.md).
 *
 * @param passthrough       null, "pci" (a PCI device passed through) or "vgpu" (a vGPU, not migratable)
 * @param affinityHost      the host named as VM.affinity (its home host), null for none
 * @param haRestartPriority VM.ha_restart_priority: "restart", "best-effort" or ""
 * @param currentOperation  an operation the VM is busy with from the start (e.g. "snapshot"), null for none
 * @param order             VM.order: HA restarts and appliance starts go in ascending order
 * @param startDelaySeconds VM.start_delay: seconds VM.start waits after the VM has started (xapi's start_delay)
 */
public record VmPlacementSpec(String passthrough, String affinityHost, String haRestartPriority,
        String currentOperation, long order, long startDelaySeconds) {
    public static final VmPlacementSpec NONE = new VmPlacementSpec(null, null, "", null, 0, 0);

    public VmPlacementSpec(String passthrough, String affinityHost, String haRestartPriority,
            String currentOperation) {
        this(passthrough, affinityHost, haRestartPriority, currentOperation, 0, 0);
    }
}
