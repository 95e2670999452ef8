package org.xcpbalancer.manager.data;

import static org.xcpbalancer.core.db.generated.Tables.CONTROLRUN;

import java.util.Optional;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.ServiceLeases;
import org.xcpbalancer.core.state.HostMaintenanceRepository;

/**
 * What the console needs for maintenance: the hosts' HostMaintenance records (EVACUATE HOST and ENABLE HOST write
 * requests there), who carries requests out (the xcp-service instance leasing the pool, if any) and the mode the
 * controller ran in last.
 */
public final class MaintenanceData {
    private final Database database;
    private final HostMaintenanceRepository records;

    public MaintenanceData(Database database) {
        this.database = database;
        this.records = new HostMaintenanceRepository(database);
    }

    public HostMaintenanceRepository records() {
        return records;
    }

    /** The live xcp-service instance leasing the pool, which carries out its requests; empty: the next xcp-control. */
    public Optional<ServiceLeases.Holder> leaseHolder(String poolUuid) {
        return ServiceLeases.heldElsewhere(database, poolUuid);
    }

    /** The mode (performance, density) of the pool's newest control run that recorded one. */
    public Optional<String> latestMode(int poolId) {
        return database.dsl().select(CONTROLRUN.Mode).from(CONTROLRUN).where(CONTROLRUN.PoolId.eq(poolId))
                .and(CONTROLRUN.Mode.isNotNull()).orderBy(CONTROLRUN.Id.desc()).limit(1).fetchOptional(CONTROLRUN.Mode);
    }
}
