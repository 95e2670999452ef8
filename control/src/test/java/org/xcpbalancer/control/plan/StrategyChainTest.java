package org.xcpbalancer.control.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcpbalancer.control.SnapshotBuilder.uuid;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.SnapshotBuilder;
import org.xcpbalancer.control.TestSettings;
import org.xcpbalancer.control.mode.ControlCalendar;
import org.xcpbalancer.control.mode.ControlMode;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.RuleSubject;

class StrategyChainTest {
    private static final HostRule RULE = new HostRule(RuleSubject.CpuAverage, 25);

    private static PoolSnapshot pool() {
        return new SnapshotBuilder().host("Host1", 4, 16384).host("Host2", 4, 16384)
                .vm("Web", "Host2", 2, 50, 2048).vm("Db", "Host2", 2, 50, 2048).rule(RuleSubject.CpuAverage, 25).build();
    }

    /** Moves the named VMs from Host2 to Host1 (as many as its budget allows) and remembers what it was handed. */
    private static final class Recording implements BalancingStrategy {
        private final String name;
        private final List<String> vmNames;
        private final List<PlanningInput> inputs = new ArrayList<>();

        Recording(String name, String... vmNames) {
            this.name = name;
            this.vmNames = List.of(vmNames);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int samplesNeeded() {
            return vmNames.size() + 1;
        }

        @Override
        public StrategyPlan plan(PlanningInput input) {
            inputs.add(input);
            List<PlannedMove> moves = new ArrayList<>();
            for (String vm : vmNames) {
                moves.add(new PlannedMove(uuid(vm), vm, 2048, uuid("Host2"), "Host2", uuid("Host1"), "Host1", RULE,
                        name + " moves " + vm, new Prediction(0, 0, 0, 0, 0, 0)));
            }
            return new StrategyPlan(moves, List.of(Decision.of(DecisionAction.MOVE, name + " planned " + moves.size())));
        }
    }

    @Test
    void eachStrategySeesThePoolAfterTheMovesBeforeItAndTheBudgetLeft() {
        Recording first = new Recording("first", "Web");
        Recording second = new Recording("second", "Db");
        StrategyChain chain = new StrategyChain(TestSettings.policy("control.maxMigrationsPerRun=3"), List.of(first, second));

        MigrationPlan plan = TestSettings.plan(chain, pool());

        assertThat(chain.name()).isEqualTo("first,second");
        assertThat(chain.samplesNeeded()).isEqualTo(2);
        assertThat(plan.moves()).extracting(PlannedMove::vmName).containsExactly("Web", "Db");
        assertThat(plan.decisions()).extracting(Decision::reason).containsExactly("first planned 1", "second planned 1");
        PlanningInput seen = second.inputs.get(0);
        assertThat(seen.moveBudget()).isEqualTo(2);
        assertThat(seen.plannedBefore()).extracting(PlannedMove::vmName).containsExactly("Web");
        assertThat(seen.pool().hostOf(uuid("Web"))).isEqualTo(seen.pool().indexOf(uuid("Host1")));
        assertThat(first.inputs.get(0).pool().hostOf(uuid("Web"))).isEqualTo(seen.pool().indexOf(uuid("Host2")));
    }

    @Test
    void aStrategyPlanningBeyondItsBudgetIsABug() {
        StrategyChain chain = new StrategyChain(TestSettings.policy("control.maxMigrationsPerRun=1"),
                List.of(new Recording("greedy", "Web", "Db")));
        assertThatThrownBy(() -> TestSettings.plan(chain, pool())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("greedy planned 2 moves with a budget of 1");
    }

    @Test
    void aBlockedGateStopsEveryStrategy() {
        Recording strategy = new Recording("any", "Web");
        StrategyChain chain = new StrategyChain(TestSettings.policy(), List.of(strategy));
        PoolSnapshot stale = new SnapshotBuilder().host("Host1", 4, 16384).collectedAgo(Duration.ofHours(1)).build();

        MigrationPlan plan = TestSettings.plan(chain, stale);

        assertThat(plan.blocked()).isTrue();
        assertThat(plan.moves()).isEmpty();
        assertThat(strategy.inputs).isEmpty();
    }

    @Test
    void everyStrategyIsHandedTheModeOfControlModeAtThePlanningInstant() {
        Recording first = new Recording("first");
        Recording second = new Recording("second");
        StrategyChain chain = new StrategyChain(TestSettings.policy(), List.of(first, second))
                .withCalendar(ControlCalendar.from(TestSettings.of("control.mode=DENSITY")));

        TestSettings.plan(chain, pool());

        assertThat(first.inputs.get(0).mode()).isEqualTo(ControlMode.DENSITY);
        assertThat(second.inputs.get(0).mode()).isEqualTo(ControlMode.DENSITY);
        assertThat(TestSettings.chain().calendar().modeAt(pool().now())).as("the default").isEqualTo(ControlMode.PERFORMANCE);
    }
}
