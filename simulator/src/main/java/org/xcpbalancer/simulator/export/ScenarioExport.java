package org.xcpbalancer.simulator.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.PoolStateRepository;
import org.xcpbalancer.core.state.RuleRepository;
import org.xcpbalancer.simulator.scenario.ScenarioException;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;

/**
 * xcp-sim --export-scenario: a pool from the database, written as a scenario file the simulator accepts, and its
 * rules beside it as an xcp-manager script ({@link RulesExport}).
 */
public final class ScenarioExport {
    private ScenarioExport() {
    }

    /** Writes the scenario (whole or not at all) and returns the line to print. */
    public static String export(Database database, Optional<String> poolName, Path target) {
        PoolStateRepository repository = new PoolStateRepository(database);
        PoolRef pool = choose(repository, poolName);
        PoolState state = repository.load(pool);
        if (state.hosts().isEmpty()) {
            throw new UserFacingException(ExitCode.BAD_INPUT, "pool " + pool.name() + " has no hosts in the database; run xcp-collect first");
        }
        String json = ScenarioExporter.toJson(state);
        try {
            ScenarioLoader.parse(json, target.toString());
        } catch (ScenarioException e) {
            throw new UserFacingException(ExitCode.FAILURE, "the exported pool is not a valid scenario: " + e.getMessage(), e);
        }
        List<HostRule> rules = new RuleRepository(database).rules(pool.id());
        String scenarioName = target.getFileName().toString();
        Path rulesTarget = target.resolveSibling(RulesExport.fileName(scenarioName));
        // The rules first: a scenario on disk always has its rules beside it.
        write(rulesTarget, RulesExport.script(pool.name(), scenarioName, rules));
        write(target, json);
        long guests = state.vms().stream().filter(v -> !v.controlDomain()).count();
        return "Wrote " + target + ": pool " + pool.name() + ScenarioExporter.COPY_SUFFIX + ", " + state.hosts().size()
                + " hosts, " + guests + " VMs, as collected " + pool.lastCollectedAt().map(Object::toString).orElse("(never)")
                + "; " + rules.size() + (rules.size() == 1 ? " rule" : " rules") + " in " + rulesTarget;
    }

    private static PoolRef choose(PoolStateRepository repository, Optional<String> poolName) {
        if (poolName.isPresent()) {
            return repository.pool(poolName.get()).orElseThrow(() -> new UserFacingException(ExitCode.BAD_INPUT,
                    "no pool \"" + poolName.get() + "\" in the database" + known(repository.pools())));
        }
        List<PoolRef> pools = repository.pools();
        if (pools.isEmpty()) {
            throw new UserFacingException(ExitCode.BAD_INPUT, "the database holds no pool yet; run xcp-collect first");
        }
        if (pools.size() > 1) {
            throw new UserFacingException(ExitCode.BAD_INPUT, "the database holds several pools; choose one with --pool NAME" + known(pools));
        }
        return pools.get(0);
    }

    private static String known(List<PoolRef> pools) {
        return pools.isEmpty() ? "" : " (" + pools.stream().map(PoolRef::name).collect(Collectors.joining(", ")) + ")";
    }

    /** Through a temporary file and a move, so an interrupted export never leaves half a scenario. */
    private static void write(Path target, String json) {
        Path absolute = target.toAbsolutePath();
        try {
            Path temporary = Files.createTempFile(absolute.getParent(), ".scenario-", ".json");
            Files.writeString(temporary, json, StandardCharsets.UTF_8);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserFacingException(ExitCode.BAD_INPUT, target + ": cannot be written: " + e.getMessage(), e);
        }
    }
}
