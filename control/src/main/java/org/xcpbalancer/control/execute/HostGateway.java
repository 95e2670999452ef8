package org.xcpbalancer.control.execute;

/**
 * What maintenance and density ask of a pool's hosts, by uuid: host.disable, enable, shutdown and power_on, and
 * the state they change. {@link XapiHostGateway} does it through the XAPI SDK; XAPI's refusals come back as a
 * {@link HostActionRefusedException} with XAPI's error code and parameters (HOST_IN_USE, HOST_NOT_DISABLED,
 * HOST_POWER_ON_MODE_DISABLED, HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN, ...), connection trouble as the core's
 * one-line UserFacingException.
 */
public interface HostGateway extends AutoCloseable {

    /** host.disable: no VM may start on or migrate to the host. HA's plan may refuse it. */
    void disable(String hostUuid) throws HostActionRefusedException;

    /** host.enable: the host takes VMs again. */
    void enable(String hostUuid) throws HostActionRefusedException;

    /** host.shutdown: only a disabled host without running guests; it is marked not live at once. */
    void shutdown(String hostUuid) throws HostActionRefusedException;

    /** host.power_on: only a host that is not live and whose power_on_mode is set; returns before it boots. */
    void powerOn(String hostUuid) throws HostActionRefusedException;

    /** host.get_enabled, host_metrics.live and host.power_on_mode as XAPI reports them now. */
    HostStatus status(String hostUuid) throws HostActionRefusedException;

    /**
     * The guests running on the host now (host.get_resident_VMs without the control domain, power state Running
     * or Paused): what keeps it from being empty, whatever the collected state still says.
     */
    java.util.List<ResidentGuest> runningGuests(String hostUuid) throws HostActionRefusedException;

    /** Closes the connection when this gateway opened it; a view on another gateway's session closes nothing. */
    @Override
    void close();

    /**
     * A host as XAPI reports it now.
     *
     * @param powerOnMode "" when host.power_on is not possible, else "wake-on-lan", "IPMI", "DRAC", "iLO", ...
     */
    /** A guest resident on a host: its uuid, name and power state ("Running", "Paused"). */
    record ResidentGuest(String vmUuid, String vmName, String powerState) {
    }

    record HostStatus(boolean enabled, boolean live, String powerOnMode) {
        public boolean canPowerOn() {
            return !powerOnMode.isEmpty();
        }
    }
}
