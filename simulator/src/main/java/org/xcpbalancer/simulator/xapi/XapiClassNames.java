package org.xcpbalancer.simulator.xapi;

/** XAPI class names as they appear in method names and HANDLE_INVALID; event classes are these in lower case. */
public final class XapiClassNames {

    public static final String POOL = "pool";
    public static final String HOST = "host";
    public static final String HOST_METRICS = "host_metrics";
    public static final String HOST_CPU = "host_cpu";
    public static final String VM = "VM";
    public static final String VM_METRICS = "VM_metrics";
    public static final String VM_GUEST_METRICS = "VM_guest_metrics";
    /** XAPI 24.x; the 8.1 SDK has no class for it. */
    public static final String VM_GROUP = "VM_group";
    public static final String TASK = "task";
    /** XAPI's alerts (message.get_all_records, message.get_since). */
    public static final String MESSAGE = "message";
    public static final String SESSION = "session";

    private XapiClassNames() {
    }
}
