package org.xcpbalancer.control.strategy.ruledeviation;

import java.util.ArrayList;
import java.util.List;
import org.xcpbalancer.control.plan.PlanningInput;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.constraints.Constraint;
import org.xcpbalancer.core.state.VmState;

/**
 * The members of a VM's affinity groups that must move with it: a gathered group moves as a whole or not at
 * all. Most VMs belong to no affinity group, and then this costs one map lookup.
 */
final class AffinityCompanions {
    private AffinityCompanions() {
    }

    /**
     * The running members of the VM's affinity groups, other than the VM, when all run on the source with it;
     * empty when it has none (it moves alone); null when its group is split (then it may move alone only to
     * join the others, which the placement's affinity rule checks).
     */
    static List<VmState> of(VmState vm, int source, PredictedPool pool, PlanningInput input) {
        List<Constraint> groups = pool.constraints().groupsOf(vm.uuid(), Constraint.Kind.AFFINITY);
        if (groups.isEmpty()) {
            return List.of();
        }
        List<VmState> companions = new ArrayList<>();
        for (Constraint group : groups) {
            for (String member : group.vmUuids()) {
                Integer at = member.equals(vm.uuid()) ? null : pool.hostOf(member);
                if (at == null) {
                    continue;
                }
                if (at != source) {
                    return null;
                }
                input.snapshot().vms().stream().filter(v -> v.uuid().equals(member)).findFirst()
                        .filter(v -> !companions.contains(v)).ifPresent(companions::add);
            }
        }
        return companions;
    }

    /** Whether the VM proposes its group's move: the first member by name, so a group is weighed once. */
    static boolean leads(VmState vm, List<VmState> companions) {
        return companions.stream().allMatch(c -> vm.name().compareTo(c.name()) < 0
                || vm.name().equals(c.name()) && vm.uuid().compareTo(c.uuid()) < 0);
    }

    /** The pool with the companions already moved to the destination, to score the leader's move on. */
    static PredictedPool movedAlong(PredictedPool pool, List<VmState> companions, int source, int destination) {
        if (companions.isEmpty()) {
            return pool; // most VMs: asked per candidate move, so not even an iterator
        }
        PredictedPool moved = pool;
        for (VmState companion : companions) {
            moved = moved.withMove(companion, source, destination);
        }
        return moved;
    }

    /** The leader first, then its companions. */
    static List<VmState> with(VmState vm, List<VmState> companions) {
        List<VmState> all = new ArrayList<>(companions);
        all.add(0, vm);
        return all;
    }
}
