package org.xcpbalancer.guard.state;

import java.util.Arrays;

/** GuardAction.Action: what was (or would have been) done. */
public enum GuardActionKind {
    /** pool.ha_enabled: XAPI's HA owns restarts; written once per stand-down. */
    STAND_DOWN("stand_down"),
    MASTER_UNREACHABLE("master_unreachable"),
    HOST_SUSPECTED("host_suspected"),
    HOST_DEAD("host_dead"),
    /** XAPI says not live, but the host answers on its address: alert only. */
    HOST_PARTITIONED("host_partitioned"),
    HOST_RECOVERED("host_recovered"),
    FENCE("fence"),
    /** No fence command: waiting for xcp-manager's CONFIRM HOST DOWN. */
    AWAIT_CONFIRMATION("await_confirmation"),
    POWER_STATE_RESET("power_state_reset"),
    START_ON("start_on"),
    /** A protected VM that fits on no host: retried when capacity appears. */
    NO_ROOM("no_room"),
    HARD_REBOOT("hard_reboot"),
    HARD_SHUTDOWN("hard_shutdown"),
    /** The ladder's second step: hard_shutdown if needed, then start_on another host. */
    RESTART_ELSEWHERE("restart_elsewhere"),
    GIVE_UP("give_up"),
    REINSTALL("reinstall"),
    LADDER_RESET("ladder_reset"),
    LADDER_WAIT("ladder_wait"),
    /** A VM shut down by its administrator (VM_SHUTDOWN message): never restarted, said once. */
    ADMIN_SHUTDOWN("admin_shutdown"),
    /** A VM paused by its administrator (VM_PAUSED message): never rebooted, said once. */
    ADMIN_PAUSE("admin_pause"),
    RECOVERED("recovered"),
    /** Written by xcp-manager's CONFIRM HOST DOWN. */
    CONFIRM_HOST_DOWN("confirm_host_down");

    private final String dbValue;

    GuardActionKind(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }

    public static GuardActionKind of(String dbValue) {
        return Arrays.stream(values()).filter(k -> k.dbValue.equals(dbValue)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown GuardAction.Action " + dbValue));
    }
}
