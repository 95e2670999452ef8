package org.xcpbalancer.manager.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.core.constraints.Constraint;
import org.xcpbalancer.core.constraints.ConstraintCheck;
import org.xcpbalancer.core.constraints.ConstraintModel;
import org.xcpbalancer.core.constraints.ConstraintStatus;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.VmState;

/**
 * The pool's placement constraints as the console shows them, judged with core's model exactly as xcp-control
 * judges them, against where the VMs run now.
 */
final class ConstraintView {
    private ConstraintView() {
    }

    static List<ConstraintStatus> statuses(PoolState state) {
        return check(state).all();
    }

    static ConstraintCheck check(PoolState state) {
        Map<String, VmState> vms = new LinkedHashMap<>();
        state.vms().forEach(vm -> vms.put(vm.uuid(), vm));
        return new ConstraintCheck(ConstraintModel.of(state), uuid -> vms.containsKey(uuid) ? vms.get(uuid).hostUuid() : null,
                uuid -> vms.containsKey(uuid) ? vms.get(uuid).name() : uuid,
                uuid -> state.host(uuid).map(HostState::name).orElse(uuid));
    }

    /** "web (tag)", "ssd for Db": the constraint column. */
    static String label(Constraint c) {
        return switch (c.kind()) {
            case ANTI_AFFINITY, AFFINITY -> c.name() + " (" + c.origin() + ")";
            case RUN_ON -> String.join("+", c.labels().stream().sorted().toList()) + " for " + c.name();
            case PREFER -> String.join(" or ", preferred(c)) + " for " + c.name();
        };
    }

    private static List<String> preferred(Constraint c) {
        List<String> parts = new ArrayList<>(c.labels().stream().sorted().toList());
        if (c.homeHostUuid() != null) {
            parts.add("home host");
        }
        return parts;
    }

    static String names(List<String> vmUuids, PoolState state) {
        return String.join(", ", vmUuids.stream().map(u -> state.vms().stream().filter(v -> v.uuid().equals(u))
                .findFirst().map(VmState::name).orElse(u)).toList());
    }

    /** The constraint and its state for --format json. */
    static Map<String, Object> json(ConstraintStatus s, PoolState state) {
        Constraint c = s.constraint();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", c.id());
        json.put("kind", c.kind().word());
        json.put("name", c.name());
        json.put("origin", c.origin());
        json.put("must", c.kind().must());
        json.put("holds", s.holds());
        json.put("vms", c.vmUuids().stream().map(u -> vmJson(u, state)).toList());
        json.put("violating", s.violatingVmUuids().stream().map(u -> vmJson(u, state)).toList());
        json.put("labels", c.labels().stream().sorted().toList());
        json.put("homeHostUuid", c.homeHostUuid());
        json.put("detail", s.detail());
        return json;
    }

    private static Map<String, Object> vmJson(String uuid, PoolState state) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("uuid", uuid);
        json.put("name", state.vms().stream().filter(v -> v.uuid().equals(uuid)).findFirst().map(VmState::name)
                .orElse(null));
        return json;
    }

    /** The constraints naming the VM, as "title: holds" / "title: BROKEN (detail)" lines. */
    static List<String> of(VmState vm, PoolState state) {
        ConstraintCheck check = check(state);
        return ConstraintModel.of(state).of(vm.uuid()).stream().map(check::status)
                .map(s -> s.constraint().title() + ": " + (s.holds() ? "holds" : "BROKEN (" + s.detail() + ")"))
                .toList();
    }
}
