package org.xcpbalancer.manager.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.energy.EnergyEstimate;
import org.xcpbalancer.core.energy.HostWatts;
import org.xcpbalancer.core.state.HistoryRepository;
import org.xcpbalancer.core.state.HostPowerActionRepository;
import org.xcpbalancer.core.state.HostPowerRecord;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.PoolStateRepository;

/**
 * The estimated energy of a pool's hosts over a period against all hosts on (SHOW ENERGY, the demo's report):
 * the collected host samples and xcp-balancer's power actions, through {@link EnergyEstimate} with the watts of
 * density.hostWatts / density.idleWatts / density.maxWatts. Read-only.
 */
public final class EnergyService {
    private final Database database;
    private final HostWatts watts;

    public EnergyService(Database database, HostWatts watts) {
        this.database = database;
        this.watts = watts;
    }

    /** The pool's hosts as collected now, over [from, to). */
    public EnergyEstimate.Report report(PoolRef pool, Instant from, Instant to) {
        List<HostState> hosts = new PoolStateRepository(database).load(pool).hosts();
        Map<String, List<HostPowerRecord>> actions = new HostPowerActionRepository(database).before(pool.id(), to)
                .stream().collect(Collectors.groupingBy(HostPowerRecord::hostUuid));
        HistoryRepository history = new HistoryRepository(database);
        List<EnergyEstimate.HostInput> inputs = new ArrayList<>();
        for (HostState host : hosts) {
            inputs.add(new EnergyEstimate.HostInput(host.uuid(), host.name(), watts.of(host.name()),
                    history.hostSamplesSince(pool.id(), host.uuid(), from), actions.getOrDefault(host.uuid(), List.of())));
        }
        return EnergyEstimate.of(from, to, inputs);
    }
}
