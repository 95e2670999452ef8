package org.xcpbalancer.core.state;

/**
 * An XAPI VM_group as last collected. placement is XAPI's spelling: "anti_affinity" (members should run on
 * different hosts) or "normal". Members are the VMs whose {@link VmState#groupUuids()} contain uuid.
 */
public record VmGroup(String uuid, String name, String placement) {
    public static final String ANTI_AFFINITY = "anti_affinity";
    public static final String NORMAL = "normal";

    public boolean antiAffinity() {
        return ANTI_AFFINITY.equals(placement);
    }
}
