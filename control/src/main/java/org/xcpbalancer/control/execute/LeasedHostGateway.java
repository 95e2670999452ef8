package org.xcpbalancer.control.execute;

import java.util.List;
import java.util.Optional;

/**
 * A pool's host calls that change something (host.disable, enable, shutdown, power_on) asked of the
 * {@link LaunchFence} first, as every migration launch is: under xcp-service an instance that lost the pool's lease
 * sends none of them ("an owner that lost its lease acts on nothing"). A refusal comes back as XAPI's would, a
 * {@link HostActionRefusedException} with the code {@value #LEASE_LOST}, so the callers' handling of refusals
 * (said once, tried again at the next run) applies unchanged. Reads pass through.
 */
public final class LeasedHostGateway implements HostGateway {
    /** The error code of a call the lease check held back (not one of XAPI's). */
    public static final String LEASE_LOST = "LEASE_LOST";

    private final HostGateway hosts;
    private final LaunchFence fence;
    private final int poolId;

    public LeasedHostGateway(HostGateway hosts, LaunchFence fence, int poolId) {
        this.hosts = hosts;
        this.fence = fence;
        this.poolId = poolId;
    }

    @Override
    public void disable(String hostUuid) throws HostActionRefusedException {
        requireLease("host.disable");
        hosts.disable(hostUuid);
    }

    @Override
    public void enable(String hostUuid) throws HostActionRefusedException {
        requireLease("host.enable");
        hosts.enable(hostUuid);
    }

    @Override
    public void shutdown(String hostUuid) throws HostActionRefusedException {
        requireLease("host.shutdown");
        hosts.shutdown(hostUuid);
    }

    @Override
    public void powerOn(String hostUuid) throws HostActionRefusedException {
        requireLease("host.power_on");
        hosts.powerOn(hostUuid);
    }

    @Override
    public HostStatus status(String hostUuid) throws HostActionRefusedException {
        return hosts.status(hostUuid);
    }

    @Override
    public List<ResidentGuest> runningGuests(String hostUuid) throws HostActionRefusedException {
        return hosts.runningGuests(hostUuid);
    }

    @Override
    public void close() {
        hosts.close();
    }

    private void requireLease(String call) throws HostActionRefusedException {
        Optional<String> refused = fence.actionRefusal(poolId);
        if (refused.isPresent()) {
            throw new HostActionRefusedException(call, List.of(LEASE_LOST, "not sent: " + refused.get()));
        }
    }
}
