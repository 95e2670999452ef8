package org.xcpbalancer.control.execute;

import com.xensource.xenapi.Host;
import com.xensource.xenapi.HostMetrics;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VM;
import java.util.ArrayList;
import java.util.List;
import org.apache.xmlrpc.XmlRpcException;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.xapi.XapiCall;
import org.xcpbalancer.xapi.XapiErrors;
import org.xcpbalancer.xapi.XapiSession;

/**
 * {@link HostGateway} through the official XAPI SDK on one core {@link XapiSession} (HOST_IS_SLAVE followed,
 * SESSION_INVALID logged in again). These calls change the pool, so they are sent once and never repeated on a
 * dropped connection: the caller reads {@link #status} to learn what happened.
 */
public final class XapiHostGateway implements HostGateway {
    private final XapiSession session;
    private final boolean ownsSession;

    private XapiHostGateway(XapiSession session, boolean ownsSession) {
        this.session = session;
        this.ownsSession = ownsSession;
    }

    /** A gateway with its own connection, closed by {@link #close}. */
    public static XapiHostGateway open(XapiSettings settings) {
        return new XapiHostGateway(XapiSession.open(settings), true);
    }

    /** A view on a session someone else owns (e.g. the migration gateway's): {@link #close} leaves it open. */
    public static XapiHostGateway on(XapiSession session) {
        return new XapiHostGateway(session, false);
    }

    @Override
    public void disable(String hostUuid) throws HostActionRefusedException {
        act("host.disable", hostUuid, (c, host) -> host.disable(c));
    }

    @Override
    public void enable(String hostUuid) throws HostActionRefusedException {
        act("host.enable", hostUuid, (c, host) -> host.enable(c));
    }

    @Override
    public void shutdown(String hostUuid) throws HostActionRefusedException {
        act("host.shutdown", hostUuid, (c, host) -> host.shutdown(c));
    }

    @Override
    public void powerOn(String hostUuid) throws HostActionRefusedException {
        act("host.power_on", hostUuid, (c, host) -> host.powerOn(c));
    }

    @Override
    public HostStatus status(String hostUuid) throws HostActionRefusedException {
        return call("host.get_record", c -> {
            Host.Record record = Host.getByUuid(c, hostUuid).getRecord(c);
            HostMetrics metrics = record.metrics;
            boolean live = metrics != null && !metrics.isNull() && Boolean.TRUE.equals(metrics.getLive(c));
            return new HostStatus(Boolean.TRUE.equals(record.enabled), live,
                    record.powerOnMode == null ? "" : record.powerOnMode);
        });
    }

    @Override
    public List<ResidentGuest> runningGuests(String hostUuid) throws HostActionRefusedException {
        return call("host.get_resident_VMs", c -> {
            List<ResidentGuest> guests = new ArrayList<>();
            for (VM vm : Host.getByUuid(c, hostUuid).getResidentVMs(c)) {
                VM.Record record = vm.getRecord(c);
                if (!Boolean.TRUE.equals(record.isControlDomain) && (record.powerState == Types.VmPowerState.RUNNING
                        || record.powerState == Types.VmPowerState.PAUSED)) {
                    guests.add(new ResidentGuest(record.uuid, record.nameLabel, String.valueOf(record.powerState)));
                }
            }
            return guests;
        });
    }

    @Override
    public void close() {
        if (ownsSession) {
            session.close();
        }
    }

    private interface HostCall {
        void call(com.xensource.xenapi.Connection c, Host host) throws Types.XenAPIException, XmlRpcException;
    }

    private void act(String what, String hostUuid, HostCall action) throws HostActionRefusedException {
        call(what, c -> {
            action.call(c, Host.getByUuid(c, hostUuid));
            return null;
        });
    }

    private <T> T call(String what, XapiCall<T> call) throws HostActionRefusedException {
        try {
            return session.call(what, call);
        } catch (Types.XenAPIException e) {
            throw new HostActionRefusedException(what, XapiErrors.description(e));
        }
    }
}
