package org.xcpbalancer.control.snapshot;

import static org.xcpbalancer.core.db.generated.Tables.VMSAMPLE;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.xcpbalancer.control.plan.MigrationFacts;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.state.SampleResolution;

/**
 * Migrations the controller did not make (an administrator, XAPI's own HA or WLB) as the collector saw them: a
 * VM whose consecutive VmSample rows name different hosts moved between the two collections. They count for the
 * cooldowns like the controller's own, since XAPI's figures are just as unsettled after them.
 */
final class ObservedMoves {
    private ObservedMoves() {
    }

    /** The facts with the moves seen in the VM history since {@code window} ago added. */
    static MigrationFacts addTo(MigrationFacts facts, Database database, int poolId, Instant now, Duration window) {
        Map<String, Instant> vmMoved = new HashMap<>(facts.vmLastMovedAt());
        Map<String, Instant> hostChanged = new HashMap<>(facts.hostLastChangedAt());
        String[] previousVm = {null};
        String[] previousHost = {null};
        database.dsl().select(VMSAMPLE.VmUuid, VMSAMPLE.HostUuid, VMSAMPLE.SampledAt).from(VMSAMPLE)
                .where(VMSAMPLE.PoolId.eq(poolId), VMSAMPLE.Resolution.eq(SampleResolution.RAW.dbValue()),
                        VMSAMPLE.SampledAt.ge(UtcTime.toUtc(now.minus(window))), VMSAMPLE.HostUuid.isNotNull())
                .orderBy(VMSAMPLE.VmUuid, VMSAMPLE.SampledAt)
                .forEach(row -> {
                    String vm = row.value1();
                    String host = row.value2();
                    if (vm.equals(previousVm[0]) && !host.equals(previousHost[0])) {
                        Instant seenAt = UtcTime.toInstant(row.value3());
                        vmMoved.merge(vm, seenAt, ObservedMoves::later);
                        hostChanged.merge(host, seenAt, ObservedMoves::later);
                        hostChanged.merge(previousHost[0], seenAt, ObservedMoves::later);
                    }
                    previousVm[0] = vm;
                    previousHost[0] = host;
                });
        return new MigrationFacts(vmMoved, hostChanged, facts.vmFailures(), facts.inFlightDestinations(),
                facts.hostsInFlight(), facts.refusals());
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
