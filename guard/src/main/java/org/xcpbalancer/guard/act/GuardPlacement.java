package org.xcpbalancer.guard.act;

import java.util.List;
import org.xcpbalancer.control.placement.AntiAffinityRule;
import org.xcpbalancer.control.placement.HostAvailableRule;
import org.xcpbalancer.control.placement.MemoryRule;
import org.xcpbalancer.control.placement.Placement;
import org.xcpbalancer.control.placement.RunOnRule;

/**
 * control's placement rules that hold for a restart: the host enabled and live (so never a disabled host or one
 * in maintenance), its free memory, run-on labels, anti-affinity. Not the balancing-only ones: a restart has no
 * "same host", control.excludeHosts is about balancing, affinity follows restarts rather than blocking them, and
 * XAPI's HA plan does not apply (with HA on the guard stands down).
 */
public final class GuardPlacement {
    private GuardPlacement() {
    }

    public static Placement standard() {
        return new Placement(List.of(new HostAvailableRule(), new MemoryRule(), new RunOnRule(), new AntiAffinityRule()));
    }
}
