package org.xcpbalancer.simulator.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * xapi's HA failover planner (ocaml/xapi/xapi_ha_vm_failover.ml compute_restart_plan and plan_for_n_failures,
 * ocaml/xapi/binpack.ml), over plain numbers: can the protected VMs of any {@code failures} failed hosts be
 * restarted on the hosts that remain? Protected VMs not running on a live host are first placed as xapi's restart
 * plan would place them; if one does not fit, no plan exists at all. Then, as binpack.ml chooses: for pools of at
 * most 32 hosts where C(n, r)·r! &lt; 3500, every combination of r failed hosts in every order is simulated with
 * biggest-fit-decreasing packing; otherwise the conservative approximation (the largest hosts fail, every failed
 * VM is as big as the biggest) decides. Pure: no model, no lock.
 */
final class HaPlanner {
    /** xapi's threshold for the exhaustive heuristic (binpack.ml choose_heuristic). */
    private static final long EXHAUSTIVE_LIMIT = 3500;
    private static final int EXHAUSTIVE_MAX_HOSTS = 32;

    /** A live, enabled host and the memory it has free for restarts (after any counterfactual change). */
    record Host(String id, long freeBytes) {
    }

    /** A protected VM, its memory, and the live host it is accounted on (null when it runs nowhere). */
    record Vm(String id, long memoryBytes, String hostId) {
    }

    private HaPlanner() {
    }

    /** Whether a plan exists for {@code failures} host failures; {@code totalHosts} counts dead hosts too. */
    static boolean planExists(List<Host> liveHosts, List<Vm> protectedVms, int totalHosts, int failures) {
        if (failures < 0 || failures > totalHosts) {
            return false;
        }
        Map<String, Long> free = new LinkedHashMap<>();
        liveHosts.forEach(h -> free.put(h.id(), h.freeBytes()));
        Map<String, Long> sizes = new HashMap<>();
        Map<String, String> placement = new LinkedHashMap<>();
        List<Vm> offline = new ArrayList<>();
        for (Vm vm : protectedVms) {
            sizes.put(vm.id(), vm.memoryBytes());
            if (vm.hostId() != null && free.containsKey(vm.hostId())) {
                placement.put(vm.id(), vm.hostId());
            } else {
                offline.add(vm);
            }
        }
        Map<String, String> restarts = biggestFitDecreasing(offline, free);
        if (restarts.size() != offline.size()) {
            return false; // even with no host failure the protected VMs cannot all run
        }
        restarts.forEach((vm, host) -> free.merge(host, -sizes.get(vm), Long::sum));
        placement.putAll(restarts);
        if (free.size() < failures || (free.size() == failures && !sizes.isEmpty())) {
            return false; // binpack.ml plan_trivially_never_possible
        }
        if (exhaustive(totalHosts, failures)) {
            return everyCombinationSurvives(new ArrayList<>(free.keySet()), free, placement, sizes, failures);
        }
        return sizes.isEmpty() || approximationSurvives(free, placement, sizes, failures);
    }

    private static boolean exhaustive(int totalHosts, int failures) {
        if (totalHosts > EXHAUSTIVE_MAX_HOSTS) {
            return false;
        }
        try {
            long combinations = 1;
            for (int i = 0; i < failures; i++) {
                combinations = Math.multiplyExact(combinations, totalHosts - i); // C(n, r)·r! = n!/(n-r)!
            }
            return combinations < EXHAUSTIVE_LIMIT;
        } catch (ArithmeticException overflow) {
            return false;
        }
    }

    private static boolean everyCombinationSurvives(List<String> hosts, Map<String, Long> free,
            Map<String, String> placement, Map<String, Long> sizes, int failures) {
        return orderedFailures(hosts, failures, new ArrayList<>(), (order) -> survives(order, free, placement, sizes));
    }

    /** Every ordered choice of {@code left} distinct hosts (all permutations of all combinations). */
    private static boolean orderedFailures(List<String> hosts, int left, List<String> chosen,
            Predicate<List<String>> survives) {
        if (left == 0) {
            return survives.test(chosen);
        }
        for (String host : hosts) {
            if (!chosen.contains(host)) {
                chosen.add(host);
                boolean ok = orderedFailures(hosts, left - 1, chosen, survives);
                chosen.remove(chosen.size() - 1);
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    /** binpack.ml simulate_failure, host after host: the dead host's VMs must all fit on the others. */
    private static boolean survives(List<String> order, Map<String, Long> initialFree, Map<String, String> initialPlacement,
            Map<String, Long> sizes) {
        Map<String, Long> free = new LinkedHashMap<>(initialFree);
        Map<String, String> placement = new LinkedHashMap<>(initialPlacement);
        for (String dead : order) {
            free.remove(dead);
            List<Vm> failed = new ArrayList<>();
            placement.forEach((vm, host) -> {
                if (host.equals(dead)) {
                    failed.add(new Vm(vm, sizes.get(vm), null));
                }
            });
            Map<String, String> plan = biggestFitDecreasing(failed, free);
            if (plan.size() != failed.size()) {
                return false;
            }
            plan.forEach((vm, host) -> free.merge(host, -sizes.get(vm), Long::sum));
            placement.putAll(plan);
        }
        return true;
    }

    /** binpack.ml simulate_failure_approximation. */
    private static boolean approximationSurvives(Map<String, Long> free, Map<String, String> placement,
            Map<String, Long> sizes, int failures) {
        long biggest = sizes.values().stream().mapToLong(Long::longValue).max().orElse(1);
        List<Long> capacities = free.values().stream().map(f -> f / Math.max(1, biggest))
                .sorted(Comparator.reverseOrder()).toList();
        long leftCapacity = capacities.stream().skip(failures).mapToLong(Long::longValue).sum();
        Map<String, Integer> perHost = new HashMap<>();
        free.keySet().forEach(h -> perHost.put(h, 0));
        placement.values().forEach(h -> perHost.merge(h, 1, Integer::sum));
        long toMove = perHost.values().stream().sorted(Comparator.reverseOrder()).limit(failures)
                .mapToLong(Integer::longValue).sum();
        return toMove <= leftCapacity;
    }

    /**
     * binpack.ml biggest_fit_decreasing: the biggest VM first, each into the host with the most free memory;
     * a VM that does not fit there is left out. Returns VM id -> host id for the VMs placed.
     */
    static Map<String, String> biggestFitDecreasing(List<Vm> vms, Map<String, Long> free) {
        List<Vm> things = new ArrayList<>(vms);
        things.sort(Comparator.comparingLong(Vm::memoryBytes).reversed());
        List<Map.Entry<String, Long>> bins = new ArrayList<>();
        free.forEach((host, bytes) -> bins.add(Map.entry(host, bytes)));
        bins.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        Map<String, String> plan = new LinkedHashMap<>();
        for (Vm vm : things) {
            if (bins.isEmpty()) {
                break;
            }
            Map.Entry<String, Long> first = bins.get(0);
            long remaining = first.getValue() - vm.memoryBytes();
            if (remaining < 0) {
                continue;
            }
            bins.remove(0);
            int at = 0;
            while (at < bins.size() && bins.get(at).getValue() > remaining) {
                at++;
            }
            bins.add(at, Map.entry(first.getKey(), remaining));
            plan.put(vm.id(), first.getKey());
        }
        return plan;
    }
}
