package org.xcpbalancer.control.strategy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.xcpbalancer.control.plan.BalancingStrategy;
import org.xcpbalancer.control.plan.SafetyPolicy;
import org.xcpbalancer.control.strategy.ruledeviation.RuleDeviationStrategy;

/** Every balancing strategy xcp-control knows, by name. A new strategy is one package and one line here. */
public final class StrategyRegistry {
    public static final String DEFAULT = RuleDeviationStrategy.NAME;

    private static final Map<String, Function<SafetyPolicy, BalancingStrategy>> STRATEGIES = new LinkedHashMap<>();

    static {
        STRATEGIES.put(RuleDeviationStrategy.NAME, RuleDeviationStrategy::from);
    }

    private StrategyRegistry() {
    }

    public static Set<String> names() {
        return STRATEGIES.keySet();
    }

    public static Optional<BalancingStrategy> create(String name, SafetyPolicy policy) {
        return Optional.ofNullable(STRATEGIES.get(name)).map(factory -> factory.apply(policy));
    }
}
