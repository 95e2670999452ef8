package org.xcpbalancer.simulator.xapi.task;

/** XAPI's task_status_type; {@link #wireName()} is the wire spelling. */
public enum TaskStatus {
    PENDING("pending"), SUCCESS("success"), FAILURE("failure"), CANCELLING("cancelling"), CANCELLED("cancelled");

    private final String wireName;

    TaskStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean finished() {
        return this == SUCCESS || this == FAILURE || this == CANCELLED;
    }
}
