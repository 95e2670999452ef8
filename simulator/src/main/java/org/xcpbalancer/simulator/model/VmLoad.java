package org.xcpbalancer.simulator.model;

/**
 * A VM's metrics at one instant, in the units of its RRD data sources. Guest-only values (internal free memory,
 * VIF and VBD traffic) are NaN for control domains; everything is NaN for a VM that is not running.
 *
 * @param cpuPerVcpu            utilisation of each vCPU, 0..1 (RRD cpu0..cpuN)
 * @param memoryBytes           memory the VM holds (RRD memory)
 * @param memoryInternalFreeKib free memory the guest reports (RRD memory_internal_free)
 */
public record VmLoad(
        double[] cpuPerVcpu,
        double memoryBytes,
        double memoryInternalFreeKib,
        double vif0RxBytesPerSec,
        double vif0TxBytesPerSec,
        double vbdXvdaReadBytesPerSec,
        double vbdXvdaWriteBytesPerSec) {

    /** Mean of the per-vCPU utilisations. */
    public double cpuAvg() {
        double sum = 0;
        for (double value : cpuPerVcpu) {
            sum += value;
        }
        return cpuPerVcpu.length == 0 ? Double.NaN : sum / cpuPerVcpu.length;
    }
}
