package org.xcpbalancer.guard.act;

import com.xensource.xenapi.Types;
import com.xensource.xenapi.VM;
import java.util.stream.Collectors;
import org.xcpbalancer.guard.view.HostView;
import org.xcpbalancer.guard.view.PoolView;
import org.xcpbalancer.guard.view.PoolViewReader;
import org.xcpbalancer.guard.view.VmView;
import org.xcpbalancer.xapi.XapiSession;

/** {@link GuardXapi} through the official SDK on one logged-in {@link XapiSession}. */
public final class SdkGuardXapi implements GuardXapi {
    private final XapiSession session;

    public SdkGuardXapi(XapiSession session) {
        this.session = session;
    }

    public XapiSession session() {
        return session;
    }

    @Override
    public int managementPort() {
        java.net.URI url = session.masterUrl();
        return url.getPort() > 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    @Override
    public PoolView read() {
        return PoolViewReader.read(session);
    }

    @Override
    public VmView reread(VmView vm, PoolView view) throws Types.XenAPIException {
        VM.Record r = session.call("VM.get_record", c -> vm(vm).getRecord(c));
        String power = r.powerState == null ? null : r.powerState.toString();
        boolean resident = "Running".equals(power) || "Paused".equals(power);
        String residentRef = r.residentOn == null ? "" : r.residentOn.toWireString();
        String residentUuid = resident ? view.hosts().stream().filter(h -> h.ref().equals(residentRef))
                .map(HostView::uuid).findFirst().orElse(null) : null;
        return new VmView(vm.ref(), vm.uuid(), r.nameLabel, power, residentUuid, r.haRestartPriority,
                r.order == null ? vm.order() : r.order, r.startDelay == null ? vm.startDelaySeconds() : r.startDelay,
                r.tags == null ? vm.tags() : r.tags, vm.memoryMb(), vm.guestUpdatedAt(), vm.guestLive(),
                r.currentOperations == null ? java.util.Set.of() : r.currentOperations.values().stream()
                        .map(Object::toString).collect(Collectors.toSet()), vm.affinityHostUuid(), vm.groupUuids());
    }

    @Override
    public void powerStateReset(VmView vm) throws Types.XenAPIException {
        session.call("VM.power_state_reset", c -> {
            vm(vm).powerStateReset(c);
            return null;
        });
    }

    @Override
    public void startOn(VmView vm, HostView host) throws Types.XenAPIException {
        session.call("VM.start_on", c -> {
            vm(vm).startOn(c, Types.toHost(host.ref()), false, false);
            return null;
        });
    }

    @Override
    public void hardReboot(VmView vm) throws Types.XenAPIException {
        session.call("VM.hard_reboot", c -> {
            vm(vm).hardReboot(c);
            return null;
        });
    }

    @Override
    public void hardShutdown(VmView vm) throws Types.XenAPIException {
        session.call("VM.hard_shutdown", c -> {
            vm(vm).hardShutdown(c);
            return null;
        });
    }

    private static VM vm(VmView vm) {
        return Types.toVM(vm.ref());
    }

    @Override
    public void close() {
        session.close();
    }

}
