package org.xcpbalancer.control.maintenance;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import org.xcpbalancer.control.ControlService;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.InputEcho;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.ServiceLeases;
import org.xcpbalancer.core.state.HostMaintenance;
import org.xcpbalancer.core.state.HostMaintenance.State;
import org.xcpbalancer.core.state.HostMaintenanceRepository;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.PoolStateRepository;

/**
 * xcp-control --evacuate HOST and --enable HOST: records the request as the console does, then carries it out at
 * once in a run that does only maintenance, unless a live xcp-service leases the pool: then the service, the pool's
 * owner, carries it out and this says so. --dry-run shows the evacuation's plan and records nothing.
 */
public final class MaintenanceCommand {
    private final Database database;
    private final ControlService service;
    private final HostMaintenanceRepository records;
    private final PrintStream out;
    private final Clock clock;

    public MaintenanceCommand(Database database, ControlService service, PrintStream out, Clock clock) {
        this.database = database;
        this.service = service;
        this.records = new HostMaintenanceRepository(database);
        this.out = out;
        this.clock = clock;
    }

    public ExitCode evacuate(Optional<String> poolName, String hostKey, boolean dryRun, Optional<String> reason)
            throws InterruptedException {
        PoolRef pool = service.pool(poolName);
        HostState host = host(pool, hostKey, "--evacuate");
        if (dryRun) {
            service.dryRunEvacuation(pool, host);
            return ExitCode.OK;
        }
        records.request(pool.id(), host.uuid(), host.name(), HostMaintenance.DisabledBy.EVACUATE, reason,
                requester(), clock.instant());
        return carryOut(pool, host, "Evacuation");
    }

    public ExitCode enable(Optional<String> poolName, String hostKey, boolean dryRun) throws InterruptedException {
        PoolRef pool = service.pool(poolName);
        HostState host = host(pool, hostKey, "--enable");
        Optional<HostMaintenance> maintenance = records.find(pool.id(), host.uuid()).filter(HostMaintenance::active);
        if (maintenance.isEmpty() && host.enabled()) {
            throw new UserFacingException(ExitCode.BAD_INPUT, "--enable: " + host.name()
                    + " is enabled and not in maintenance: nothing to enable");
        }
        if (dryRun) {
            out.println("Dry run: nothing is changed. Would enable " + host.name() + " ("
                    + maintenance.map(HostMaintenance::describe).orElse("disabled outside xcp-balancer") + ").");
            return ExitCode.OK;
        }
        records.requestEnable(pool.id(), host.uuid(), host.name(), requester(), clock.instant());
        return carryOut(pool, host, "Enabling");
    }

    private ExitCode carryOut(PoolRef pool, HostState host, String what) throws InterruptedException {
        Optional<ServiceLeases.Holder> lease = ServiceLeases.heldElsewhere(database, pool.uuid());
        if (lease.isPresent()) {
            out.println(what + " of " + host.name() + " recorded: xcp-service instance '" + lease.get().owner()
                    + "' leases pool " + pool.name() + " and carries it out at its next control run (SHOW HOST "
                    + host.name() + " in xcp-manager follows it).");
            return ExitCode.OK;
        }
        ControlService.RunResult result = service.runOnce(Optional.of(pool.uuid()), false, ControlService.Scope.MAINTENANCE_ONLY);
        if (result.runId() == null) {
            out.println(what + " of " + host.name() + " recorded: the xcp-control run acting on pool " + pool.name()
                    + " now, or the next one, carries it out.");
            return ExitCode.OK;
        }
        HostMaintenance after = records.find(pool.id(), host.uuid()).orElseThrow();
        out.println(host.name() + ": " + after.state().dbValue() + after.status().map(s -> " (" + s + ")").orElse(""));
        if (after.state() == State.BLOCKED || (what.equals("Evacuation") && after.state() != State.EMPTY
                && result.exitCode() == ExitCode.OK)) {
            return ExitCode.HOST_NOT_EMPTIED;
        }
        return result.exitCode();
    }

    private HostState host(PoolRef pool, String key, String option) {
        var hosts = new PoolStateRepository(database).load(pool).hosts();
        String wanted = key.strip();
        return hosts.stream().filter(h -> h.uuid().equalsIgnoreCase(wanted)).findFirst()
                .or(() -> hosts.stream().filter(h -> wanted.equals(h.name())).findFirst())
                .or(() -> hosts.stream().filter(h -> wanted.equalsIgnoreCase(h.name())).findFirst())
                .orElseThrow(() -> new UserFacingException(ExitCode.BAD_INPUT, option + ": pool " + pool.name()
                        + " has no host named or with uuid '" + InputEcho.shown(wanted) + "' (xcp-manager's SHOW HOSTS lists them)"));
    }

    /** Who asked: the OS account (the database account is shared by every administrator). */
    private static String requester() {
        return System.getProperty("user.name", "unknown") + " (xcp-control)";
    }
}
