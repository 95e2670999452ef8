package org.xcpbalancer.guard;

import java.util.List;
import java.util.Optional;
import org.xcpbalancer.guard.act.ExternalCommand;
import org.xcpbalancer.guard.host.HostFencing;
import org.xcpbalancer.guard.host.HostRecovery;
import org.xcpbalancer.guard.host.HostWatch;
import org.xcpbalancer.guard.host.TcpProbe;
import org.xcpbalancer.guard.ladder.LadderStage;

/** The stages of a guard check, in order: the host path first, then the crash/hang ladder (package ladder). */
public final class GuardStages {
    private GuardStages() {
    }

    public static List<GuardStage> standard(GuardSettings settings) {
        Optional<ExternalCommand> fence = settings.fenceCommand().map(c -> new ExternalCommand("guard.fenceCommand", c, settings.fenceTimeout()));
        return List.of(new HostWatch(new TcpProbe(settings.probeTimeout()), new HostFencing(fence), new HostRecovery()),
                new LadderStage(settings));
    }
}
