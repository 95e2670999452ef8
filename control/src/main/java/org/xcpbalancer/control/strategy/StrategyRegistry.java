package org.xcpbalancer.control.strategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.xcpbalancer.control.mode.ControlCalendar;
import org.xcpbalancer.control.plan.BalancingStrategy;
import org.xcpbalancer.control.plan.SafetyPolicy;
import org.xcpbalancer.control.plan.StrategyChain;
import org.xcpbalancer.control.strategy.constraintrepair.ConstraintRepairStrategy;
import org.xcpbalancer.control.strategy.density.DensityStrategy;
import org.xcpbalancer.control.strategy.ruledeviation.RuleDeviationStrategy;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.settings.SettingKeys;
import org.xcpbalancer.core.settings.Settings;

/**
 * Every balancing strategy xcp-control knows, by the name control.strategies uses. A new strategy is one
 * package under {@code strategy/} and one line here: its name and how it reads its args from the settings.
 */
public final class StrategyRegistry {
    private static final Map<String, Function<Settings, BalancingStrategy>> STRATEGIES = new LinkedHashMap<>();

    static {
        STRATEGIES.put(ConstraintRepairStrategy.NAME, ConstraintRepairStrategy::from);
        STRATEGIES.put(RuleDeviationStrategy.NAME, RuleDeviationStrategy::from);
        STRATEGIES.put(DensityStrategy.NAME, DensityStrategy::from);
    }

    private StrategyRegistry() {
    }

    public static Set<String> names() {
        return STRATEGIES.keySet();
    }

    /**
     * The strategies control.strategies enables, in its order, with the safety policy of the settings. An
     * unknown or repeated name is bad input (exit code 2), named in one line with the known names.
     */
    public static StrategyChain chain(Settings settings) {
        String setting = settings.get(SettingKeys.CONTROL_STRATEGIES);
        List<BalancingStrategy> strategies = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String raw : setting.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            Function<Settings, BalancingStrategy> factory = STRATEGIES.get(name);
            if (factory == null) {
                throw bad(settings, "unknown strategy '" + name + "'; known: " + String.join(", ", names()));
            }
            if (seen.contains(name)) {
                throw bad(settings, "strategy '" + name + "' is listed twice");
            }
            seen.add(name);
            strategies.add(factory.apply(settings));
        }
        if (strategies.isEmpty()) {
            throw bad(settings, "names no strategy; known: " + String.join(", ", names()));
        }
        return new StrategyChain(SafetyPolicy.from(settings), strategies).withCalendar(ControlCalendar.from(settings));
    }

    private static UserFacingException bad(Settings settings, String what) {
        return new UserFacingException(ExitCode.BAD_INPUT, settings.source() + ": "
                + SettingKeys.CONTROL_STRATEGIES.name() + ": " + what);
    }
}
