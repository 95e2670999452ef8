package org.xcpbalancer.guard.act;

import java.util.Comparator;
import java.util.List;
import org.xcpbalancer.guard.view.VmView;

/**
 * The order in which protected VMs are started, as xapi's HA restarts them: ha_restart_priority "restart" (and
 * VMs tagged xcp-balancer:guard=restart) before "best-effort", each by VM.order (lowest first), then by name so
 * the order is the same at every check. VM.start_delay is waited by XAPI's start itself (message_forwarding.ml
 * start_delay), so consecutive starts are spaced as the VMs ask.
 */
public final class RestartOrder {
    public static final Comparator<VmView> ORDER = Comparator.comparing(VmView::bestEffort)
            .thenComparingLong(VmView::order)
            .thenComparing(VmView::name, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(VmView::uuid);

    private RestartOrder() {
    }

    public static List<VmView> sorted(List<VmView> vms) {
        return vms.stream().sorted(ORDER).toList();
    }
}
