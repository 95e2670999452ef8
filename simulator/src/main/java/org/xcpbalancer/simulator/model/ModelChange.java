package org.xcpbalancer.simulator.model;

/**
 * One change to the pool, told to the {@link ModelHook} after the model's lock is released. It speaks of the
 * model's objects only; the XAPI side decides which of its objects (host, host_metrics, VM, VM_metrics, …) that
 * touches. {@code uuid} is always the uuid of the host, VM, VM group or pool itself.
 */
public record ModelChange(Subject subject, String uuid) {

    /** What part of the pool changed. A new kind of model object (VM groups, say) adds its own subjects. */
    public enum Subject {
        /** A host's own fields: liveness, enabled, which VMs are resident. */
        HOST,
        /** A host's load or memory figures (free memory, reservations, utilisation). */
        HOST_LOAD,
        /** A VM's own fields: power state, where it runs. */
        VM,
        /** A VM's load figures (CPU demand or profile). */
        VM_LOAD,
        /** The pool's own fields (HA settings, rolling upgrade); uuid is the pool's. */
        POOL,
        /** A VM group appeared (VM_group.create). */
        VM_GROUP_CREATED,
        /** A VM group's fields or members changed. */
        VM_GROUP,
        /** A VM group is gone (VM_group.destroy). */
        VM_GROUP_DESTROYED,
        /** A VM started: its guest agent's record (VM_guest_metrics) appears. */
        GUEST_AGENT_STARTED,
        /** The guest agent's record changed (it stopped reporting, or reports anew after a reboot). */
        GUEST_AGENT,
        /** A VM stopped: its guest agent's record is gone. */
        GUEST_AGENT_STOPPED
    }

    public static ModelChange host(SimHost host) {
        return new ModelChange(Subject.HOST, host.uuid());
    }

    public static ModelChange hostLoad(SimHost host) {
        return new ModelChange(Subject.HOST_LOAD, host.uuid());
    }

    public static ModelChange vm(SimVm vm) {
        return new ModelChange(Subject.VM, vm.uuid());
    }

    public static ModelChange vmLoad(SimVm vm) {
        return new ModelChange(Subject.VM_LOAD, vm.uuid());
    }

    public static ModelChange pool(String poolUuid) {
        return new ModelChange(Subject.POOL, poolUuid);
    }

    public static ModelChange groupCreated(SimVmGroup group) {
        return new ModelChange(Subject.VM_GROUP_CREATED, group.uuid());
    }

    public static ModelChange group(SimVmGroup group) {
        return new ModelChange(Subject.VM_GROUP, group.uuid());
    }

    public static ModelChange groupDestroyed(SimVmGroup group) {
        return new ModelChange(Subject.VM_GROUP_DESTROYED, group.uuid());
    }

    public static ModelChange guestAgentStarted(SimVm vm) {
        return new ModelChange(Subject.GUEST_AGENT_STARTED, vm.uuid());
    }

    public static ModelChange guestAgent(SimVm vm) {
        return new ModelChange(Subject.GUEST_AGENT, vm.uuid());
    }

    public static ModelChange guestAgentStopped(SimVm vm) {
        return new ModelChange(Subject.GUEST_AGENT_STOPPED, vm.uuid());
    }
}
