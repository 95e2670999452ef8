package org.xcpbalancer.control.placement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.control.plan.PredictedPool;

/**
 * Whether XAPI's HA could restart the protected VMs (ha_restart_priority "restart") after k host failures: for
 * every set of k failed hosts, the protected VMs of those hosts are packed, largest first, each into the
 * remaining enabled, live host with the most free memory (as xapi's binpack.ml). A VM migrating counts on both its hosts, as xapi counts it. With more
 * than {@link #MAX_SETS} failure sets (large pools, k above 1) only the set with the most protected plus free
 * memory is packed: the one that leaves the least memory for the rest.
 */
public final class HaCapacity {
    static final int MAX_SETS = 2000;

    private final long[] availableMb;
    private final boolean[] takes;
    private final List<List<Long>> protectedMb;

    private HaCapacity(long[] availableMb, boolean[] takes, List<List<Long>> protectedMb) {
        this.availableMb = availableMb;
        this.takes = takes;
        this.protectedMb = protectedMb;
    }

    static HaCapacity of(PredictedPool pool) {
        int n = pool.hostCount();
        long[] available = new long[n];
        boolean[] takes = new boolean[n];
        List<List<Long>> protectedMb = new ArrayList<>();
        for (int h = 0; h < n; h++) {
            available[h] = MemoryRule.availableMb(pool, h);
            takes[h] = pool.host(h).enabled() && !Boolean.FALSE.equals(pool.host(h).live());
            protectedMb.add(new ArrayList<>());
        }
        for (Map.Entry<String, Long> vm : pool.constraints().protectedMemoryMb().entrySet()) {
            Integer at = pool.hostOf(vm.getKey());
            Integer to = pool.inFlightTo().get(vm.getKey());
            if (at != null) {
                protectedMb.get(at).add(vm.getValue());
            }
            if (to != null && !to.equals(at)) {
                protectedMb.get(to).add(vm.getValue());
            }
        }
        return new HaCapacity(available, takes, protectedMb);
    }

    /**
     * A set of k hosts of the pool whose failure would leave protected VMs without a host; empty when there is
     * none. For planners outside the placement (density's check before a power-off).
     */
    public static Optional<int[]> brokenIn(PredictedPool pool, int k) {
        return of(pool).brokenBy(k);
    }

    /** This capacity after moving a VM of memoryMb from source to destination. */
    HaCapacity withMove(long memoryMb, boolean isProtected, int source, int destination) {
        long[] available = availableMb.clone();
        available[source] += memoryMb;
        available[destination] -= memoryMb;
        List<List<Long>> moved = protectedMb;
        if (isProtected) {
            moved = new ArrayList<>(protectedMb);
            List<Long> from = new ArrayList<>(moved.get(source));
            from.remove(Long.valueOf(memoryMb));
            List<Long> to = new ArrayList<>(moved.get(destination));
            to.add(memoryMb);
            moved.set(source, from);
            moved.set(destination, to);
        }
        return new HaCapacity(available, takes, moved);
    }

    /** A set of k hosts whose failure would leave protected VMs without a host; empty when there is none. */
    Optional<int[]> brokenBy(int k) {
        int n = availableMb.length;
        if (protectedMb.stream().allMatch(List::isEmpty) || k <= 0) {
            return Optional.empty();
        }
        if (k >= n) {
            return Optional.of(allHosts(n));
        }
        if (sets(n, k) > MAX_SETS) {
            int[] worst = worstSet(k);
            return packs(worst) ? Optional.empty() : Optional.of(worst);
        }
        return firstBroken(new int[k], 0, 0);
    }

    private Optional<int[]> firstBroken(int[] chosen, int depth, int from) {
        if (depth == chosen.length) {
            return packs(chosen) ? Optional.empty() : Optional.of(chosen.clone());
        }
        for (int h = from; h < availableMb.length; h++) {
            chosen[depth] = h;
            Optional<int[]> broken = firstBroken(chosen, depth + 1, h + 1);
            if (broken.isPresent()) {
                return broken;
            }
        }
        return Optional.empty();
    }

    /**
     * Biggest fit, largest first (xapi's binpack.ml biggest_fit_decreasing): each of the failed hosts'
     * protected VMs, the largest first, into the remaining host with the most free memory.
     */
    private boolean packs(int[] failed) {
        boolean[] down = new boolean[availableMb.length];
        List<Long> vms = new ArrayList<>();
        for (int h : failed) {
            down[h] = true;
            vms.addAll(protectedMb.get(h));
        }
        vms.sort((a, b) -> Long.compare(b, a));
        long[] room = availableMb.clone();
        for (long vm : vms) {
            int roomiest = -1;
            for (int h = 0; h < room.length; h++) {
                if (!down[h] && takes[h] && (roomiest < 0 || room[h] > room[roomiest])) {
                    roomiest = h;
                }
            }
            if (roomiest < 0 || room[roomiest] < vm) {
                return false;
            }
            room[roomiest] -= vm;
        }
        return true;
    }

    private int[] worstSet(int k) {
        Integer[] order = new Integer[availableMb.length];
        for (int h = 0; h < order.length; h++) {
            order[h] = h;
        }
        Arrays.sort(order, (a, b) -> Long.compare(weight(b), weight(a)));
        int[] worst = new int[k];
        for (int i = 0; i < k; i++) {
            worst[i] = order[i];
        }
        return worst;
    }

    private long weight(int h) {
        return protectedMb.get(h).stream().mapToLong(Long::longValue).sum() + (takes[h] ? availableMb[h] : 0);
    }

    private static int[] allHosts(int n) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        return all;
    }

    private static double sets(int n, int k) {
        double count = 1;
        for (int i = 0; i < k; i++) {
            count = count * (n - i) / (i + 1);
        }
        return count;
    }
}
