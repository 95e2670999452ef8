package org.xcpbalancer.simulator.xapi;

/**
 * The XAPI error codes the simulator raises, with their parameters as ocaml/idl/datamodel_errors.ml declares them.
 */
public final class XapiErrorCodes {

    /** [user name, message] */
    public static final String SESSION_AUTHENTICATION_FAILED = "SESSION_AUTHENTICATION_FAILED";
    /** [session handle] */
    public static final String SESSION_INVALID = "SESSION_INVALID";
    /** [master address] */
    public static final String HOST_IS_SLAVE = "HOST_IS_SLAVE";
    /** [class, handle] */
    public static final String HANDLE_INVALID = "HANDLE_INVALID";
    /** [class, uuid] */
    public static final String UUID_INVALID = "UUID_INVALID";
    /** [method] */
    public static final String MESSAGE_METHOD_UNKNOWN = "MESSAGE_METHOD_UNKNOWN";
    /** [method, expected, received] */
    public static final String MESSAGE_PARAMETER_COUNT_MISMATCH = "MESSAGE_PARAMETER_COUNT_MISMATCH";
    /** [vm, expected, actual] */
    public static final String VM_BAD_POWER_STATE = "VM_BAD_POWER_STATE";
    /** [class, object, operation, operation ref] */
    public static final String OTHER_OPERATION_IN_PROGRESS = "OTHER_OPERATION_IN_PROGRESS";
    /** [needed bytes, available bytes] */
    public static final String HOST_NOT_ENOUGH_FREE_MEMORY = "HOST_NOT_ENOUGH_FREE_MEMORY";
    /** [host] */
    public static final String HOST_OFFLINE = "HOST_OFFLINE";
    /** [vm, source host, destination host, message] */
    public static final String VM_MIGRATE_FAILED = "VM_MIGRATE_FAILED";
    /** [task] */
    public static final String TASK_CANCELLED = "TASK_CANCELLED";
    /** [] */
    public static final String EVENTS_LOST = "EVENTS_LOST";
    /** [token] */
    public static final String EVENT_FROM_TOKEN_PARSE_FAILURE = "EVENT_FROM_TOKEN_PARSE_FAILURE";
    /** [subscription] */
    public static final String EVENT_SUBSCRIPTION_PARSE_FAILURE = "EVENT_SUBSCRIPTION_PARSE_FAILURE";
    /** [vm] */
    public static final String VM_IS_TEMPLATE = "VM_IS_TEMPLATE";
    /** [host] */
    public static final String HOST_DISABLED = "HOST_DISABLED";
    /** [reason] */
    public static final String OPERATION_NOT_ALLOWED = "OPERATION_NOT_ALLOWED";
    /** [message] */
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    /** [field, value] */
    public static final String INVALID_VALUE = "INVALID_VALUE";
    /** [field] */
    public static final String FIELD_TYPE_ERROR = "FIELD_TYPE_ERROR";
    /** [vm]: pool_migrate of a VM with a PCI device passed through (xapi_vm_lifecycle.ml). */
    public static final String VM_HAS_PCI_ATTACHED = "VM_HAS_PCI_ATTACHED";
    /** [vm]: pool_migrate of a VM with a vGPU that cannot migrate. */
    public static final String VM_HAS_VGPU = "VM_HAS_VGPU";
    /** []: the move would leave protected VMs without a restart plan (xapi_ha_vm_failover.ml). */
    public static final String HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN = "HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN";
    /** []: VM.set_groups with more than one group. */
    public static final String TOO_MANY_GROUPS = "TOO_MANY_GROUPS";

    /** [vm, operation]: a power operation on a snapshot. */
    public static final String VM_IS_SNAPSHOT = "VM_IS_SNAPSHOT";
    /** []: assert_can_boot_here on a host the master records as not live. */
    public static final String HOST_NOT_LIVE = "HOST_NOT_LIVE";
    /** []: VM.start found no live, enabled host. */
    public static final String NO_HOSTS_AVAILABLE = "NO_HOSTS_AVAILABLE";
    /** [vm]: VM.power_state_reset on a control domain. */
    public static final String CANNOT_RESET_CONTROL_DOMAIN = "CANNOT_RESET_CONTROL_DOMAIN";
    /** [host]: VM.power_state_reset of a VM whose host is alive; host.power_on of a live host. */
    public static final String HOST_IS_LIVE = "HOST_IS_LIVE";
    /** [vm, domid]: VM.power_state_reset of a VM whose domain runs on the master (xapi sends only the vm). */
    public static final String DOMAIN_EXISTS = "DOMAIN_EXISTS";
    /** []: host.shutdown or reboot of an enabled host. */
    public static final String HOST_NOT_DISABLED = "HOST_NOT_DISABLED";
    /** [host, type, ref]: the host still runs guests ("vm", the first running guest). */
    public static final String HOST_IN_USE = "HOST_IN_USE";
    /** []: host.power_on with power_on_mode "". */
    public static final String HOST_POWER_ON_MODE_DISABLED = "HOST_POWER_ON_MODE_DISABLED";
    /** [errors]: host.assert_can_evacuate; each error "CODE,param,..." joined by "|". */
    public static final String CANNOT_EVACUATE_HOST = "CANNOT_EVACUATE_HOST";

    /** [vm]: with HA on, host evacuation of a VM that is not HA-protected. */
    public static final String HOST_EVACUATE_VM_NOT_HA_PROTECTED = "HOST_EVACUATE_VM_NOT_HA_PROTECTED";

    private XapiErrorCodes() {
    }
}
