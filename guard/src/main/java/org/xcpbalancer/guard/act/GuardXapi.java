package org.xcpbalancer.guard.act;

import com.xensource.xenapi.Types;
import org.xcpbalancer.guard.view.HostView;
import org.xcpbalancer.guard.view.PoolView;
import org.xcpbalancer.guard.view.VmView;

/**
 * Everything the guard asks of XAPI: the per-check read, a fresh read of one VM before acting on it, and the
 * lifecycle calls. XAPI's refusals reach the caller typed (e.g. Types.VmBadPowerState, Types.HostNotEnoughFreeMemory);
 * a pool that stops answering ends as a UserFacingException (POOL_UNREACHABLE).
 */
public interface GuardXapi extends AutoCloseable {
    /** The TCP port of the hosts' management addresses (the master's XAPI port), for the reachability probe. */
    int managementPort();

    /** One read of the pool (one get_all_records per class). */
    PoolView read();

    /**
     * The VM as XAPI has it now (power state, resident host, current operations), for the check made right before
     * starting it: never start a VM that runs anywhere. Fields not re-read keep their value from {@code vm}.
     */
    VmView reread(VmView vm, PoolView view) throws Types.XenAPIException;

    /** VM.power_state_reset: a VM recorded Running on a dead (fenced) host becomes Halted. */
    void powerStateReset(VmView vm) throws Types.XenAPIException;

    /** VM.start_on(host, start_paused false, force false); returns after XAPI's start (and the VM's start_delay). */
    void startOn(VmView vm, HostView host) throws Types.XenAPIException;

    /** VM.hard_reboot. */
    void hardReboot(VmView vm) throws Types.XenAPIException;

    /** VM.hard_shutdown (Running, Paused or Suspended to Halted). */
    void hardShutdown(VmView vm) throws Types.XenAPIException;

    @Override
    void close();
}
