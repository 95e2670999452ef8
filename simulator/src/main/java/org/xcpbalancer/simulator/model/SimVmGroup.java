package org.xcpbalancer.simulator.model;

/**
 * A simulated XAPI VM_group (ocaml/idl/datamodel_vm_group.ml): a name, a placement policy ("anti_affinity" or
 * "normal", fixed at creation) and, through each VM's groups, its members.
 */
public final class SimVmGroup {
    public static final String ANTI_AFFINITY = "anti_affinity";
    public static final String NORMAL = "normal";

    private final String uuid;
    private final String placement;
    private volatile String name;
    private volatile String description;

    SimVmGroup(String uuid, String name, String description, String placement) {
        this.uuid = uuid;
        this.name = name;
        this.description = description;
        this.placement = placement;
    }

    public String uuid() { return uuid; }
    /** name_label */
    public String name() { return name; }
    /** name_description */
    public String description() { return description; }
    public String placement() { return placement; }

    void setName(String name) { this.name = name; }
    void setDescription(String description) { this.description = description; }

    @Override
    public String toString() {
        return "SimVmGroup[" + name + " " + uuid + "]";
    }
}
