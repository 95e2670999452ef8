package org.xcpbalancer.simulator.scenario;

/** Defaults of the optional VM fields (docs/simulator-scenarios.md lists them). */
public final class VmDefaults {
    /** Demand per vCPU when a VM gives no "cpu". */
    public static final double CPU = 0.10;
    /** Share of its memory a guest reports free when the scenario gives no memoryInternalFreeMb. */
    public static final double MEMORY_INTERNAL_FREE_SHARE = 0.40;
    public static final double VIF_RX_KBPS = 8;
    public static final double VIF_TX_KBPS = 4;
    public static final double DISK_READ_KBPS = 16;
    public static final double DISK_WRITE_KBPS = 8;

    private VmDefaults() {
    }
}
