package org.xcpbalancer.manager.console;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.energy.HostWatts;
import org.xcpbalancer.core.state.HistoryRepository;
import org.xcpbalancer.core.state.PoolPauseRepository;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.PoolStateRepository;
import org.xcpbalancer.core.state.RuleRepository;
import org.xcpbalancer.manager.data.DecisionRepository;
import org.xcpbalancer.manager.data.MaintenanceData;
import org.xcpbalancer.manager.data.EnergyService;
import org.xcpbalancer.manager.data.MigrationLogRepository;
import org.xcpbalancer.manager.data.RunRepository;
import org.xcpbalancer.manager.status.GuardStatusRepository;
import org.xcpbalancer.manager.status.StatusRepository;

/**
 * What commands work with: the repositories, the pool in use (USE POOL; the only pool by default), the
 * prompter, the clock and how old data may be before the console warns.
 */
public final class ConsoleContext {
    private final PoolStateRepository poolStates;
    private final RuleRepository rules;
    private final HistoryRepository history;
    private final MigrationLogRepository migrations;
    private final RunRepository runs;
    private final DecisionRepository decisions;
    private final StatusRepository status;
    private final PoolPauseRepository pauses;
    private final EnergyService energy;
    private final GuardStatusRepository guard;
    private final MaintenanceData maintenance;
    private final Prompter prompter;
    private final Clock clock;
    private final Duration staleAfter;
    private String chosenPoolUuid;
    private PoolRef lastPool;

    public ConsoleContext(Repositories repositories, Prompter prompter, Clock clock, Duration staleAfter) {
        this.poolStates = repositories.poolStates();
        this.rules = repositories.rules();
        this.history = repositories.history();
        this.migrations = repositories.migrations();
        this.runs = repositories.runs();
        this.decisions = repositories.decisions();
        this.status = repositories.status();
        this.pauses = repositories.pauses();
        this.energy = repositories.energy();
        this.guard = repositories.guard();
        this.maintenance = repositories.maintenance();
        this.prompter = prompter;
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    /** The repositories the console reads (and, for rules, pauses and maintenance requests, writes). */
    public record Repositories(PoolStateRepository poolStates, RuleRepository rules, HistoryRepository history,
            MigrationLogRepository migrations, RunRepository runs, DecisionRepository decisions,
            StatusRepository status, PoolPauseRepository pauses, GuardStatusRepository guard,
            EnergyService energy, MaintenanceData maintenance) {
        /** With the default host watts (density.idleWatts, density.maxWatts). */
        public static Repositories of(Database database) {
            return of(database, HostWatts.defaults());
        }

        public static Repositories of(Database database, HostWatts watts) {
            return new Repositories(new PoolStateRepository(database), new RuleRepository(database),
                    new HistoryRepository(database), new MigrationLogRepository(database), new RunRepository(database),
                    new DecisionRepository(database), new StatusRepository(database), new PoolPauseRepository(database),
                    new GuardStatusRepository(database), new EnergyService(database, watts),
                    new MaintenanceData(database));
        }
    }

    /**
     * The pool commands work on, read afresh (its last collection time moves): the one chosen with USE POOL,
     * or the only pool in the database.
     */
    public PoolRef pool() {
        lastPool = resolvePool();
        return lastPool;
    }

    private PoolRef resolvePool() {
        List<PoolRef> pools = poolStates.pools();
        if (chosenPoolUuid != null) {
            return pools.stream().filter(p -> p.uuid().equals(chosenPoolUuid)).findFirst()
                    .orElseThrow(() -> new ConsoleInputException("the pool in use is no longer in the database: "
                            + "choose another with USE POOL <name> (SHOW POOLS lists them)"));
        }
        if (pools.isEmpty()) {
            throw new ConsoleInputException("no pool in the database yet: run xcp-collect first");
        }
        if (pools.size() > 1) {
            throw new ConsoleInputException(pools.size() + " pools share this database ("
                    + String.join(", ", pools.stream().map(PoolRef::name).toList())
                    + "): choose one with USE POOL <name>");
        }
        return pools.get(0);
    }

    /** The pool in use, if one is chosen or the database holds exactly one; never fails. */
    public Optional<PoolRef> poolIfKnown() {
        try {
            return Optional.of(pool());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public void usePool(PoolRef pool) {
        chosenPoolUuid = pool.uuid();
        lastPool = pool;
    }

    /**
     * The pool the last command worked on, for the prompt: asking the database before every prompt would make
     * the console hang at each line while the database is away.
     */
    public Optional<PoolRef> lastPool() {
        return lastPool == null ? poolIfKnown() : Optional.of(lastPool);
    }

    public PoolState poolState() {
        return poolStates.load(pool());
    }

    public PoolStateRepository poolStates() {
        return poolStates;
    }

    public RuleRepository rules() {
        return rules;
    }

    public HistoryRepository history() {
        return history;
    }

    public MigrationLogRepository migrations() {
        return migrations;
    }

    public RunRepository runs() {
        return runs;
    }

    public DecisionRepository decisions() {
        return decisions;
    }

    public StatusRepository status() {
        return status;
    }

    public PoolPauseRepository pauses() {
        return pauses;
    }

    /** The pool's estimated energy (SHOW ENERGY). */
    public EnergyService energy() {
        return energy;
    }

    /** What xcp-guard stored (SHOW GUARD), and where CONFIRM HOST DOWN writes. */
    public GuardStatusRepository guard() {
        return guard;
    }

    /** Hosts in maintenance: EVACUATE HOST and ENABLE HOST write requests, the listings show them. */
    public MaintenanceData maintenance() {
        return maintenance;
    }

    public Prompter prompter() {
        return prompter;
    }

    public Clock clock() {
        return clock;
    }

    public Duration staleAfter() {
        return staleAfter;
    }
}
