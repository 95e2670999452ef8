package org.xcpbalancer.guard.ladder;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the soak checks after every guard check, from the simulator's true state (/sim/state): no VM runs twice
 * (a VM that was running on a host cut off from the master must not be started anywhere else while that host
 * runs it), and no protected VM stays down longer than {@link #DOWN_LIMIT} while some reachable host had room for
 * it. A VM its administrator shut down, or that the guard gave up on, is not expected up. Counts every fault and
 * keeps the longest outage per fault kind.
 */
final class SoakLedger {
    /**
     * The longest outage the guard's own waits allow at the defaults: guard.vmHeartbeatTimeout (120 s) to call a
     * VM hung, or guard.ladderWait (200 s) after the previous step, plus two checks (10 s each).
     */
    static final Duration DOWN_LIMIT = Duration.ofSeconds(340);

    final Map<String, Integer> faults = new TreeMap<>();
    final List<String> ranTwice = new java.util.ArrayList<>();
    final List<String> leftDown = new java.util.ArrayList<>();
    final List<String> restartedAgainstAdmin = new java.util.ArrayList<>();
    private final Map<String, Instant> downSince = new HashMap<>();
    private final Map<String, String> downCause = new HashMap<>();
    private final Set<String> reportedDown = new HashSet<>();
    private final Map<String, Duration> longestOutage = new TreeMap<>();
    /** Host name -> the VMs running on it when it was cut off from the master. */
    private final Map<String, Set<String>> partitionedResidents = new HashMap<>();
    private final Map<String, List<String>> history = new HashMap<>();

    void fault(String kind) {
        faults.merge(kind, 1, Integer::sum);
    }

    /** A fault hit the VM at {@code at}: its outage is counted from then, under that kind. */
    void hit(String vm, String kind, Instant at) {
        downCause.put(vm, kind);
        downSince.putIfAbsent(vm, at);
        history.computeIfAbsent(vm, v -> new java.util.ArrayList<>()).add(at + " " + kind);
    }

    /** The faults that hit the VM, oldest first. */
    List<String> history(String vm) {
        return history.getOrDefault(vm, List.of());
    }

    void partitioned(String host, Set<String> residents) {
        partitionedResidents.put(host, Set.copyOf(residents));
    }

    void healed(String host) {
        partitionedResidents.remove(host);
    }

    /**
     * Checks the true state after a guard check: {@code excused} are the protected VMs not expected up (shut down
     * by their administrator, given up by the guard).
     */
    @SuppressWarnings("unchecked")
    void check(Map<String, Object> state, Set<String> excused, Instant now) {
        List<Map<String, Object>> hosts = (List<Map<String, Object>>) state.get("hosts");
        List<Map<String, Object>> vms = (List<Map<String, Object>>) state.get("vms");
        Map<String, Map<String, Object>> hostByName = new HashMap<>();
        hosts.forEach(h -> hostByName.put((String) h.get("name"), h));
        for (Map.Entry<String, Set<String>> cut : partitionedResidents.entrySet()) {
            for (Map<String, Object> vm : vms) {
                String name = (String) vm.get("name");
                Object at = vm.get("host");
                if (cut.getValue().contains(name) && at != null && !cut.getKey().equals(at)
                        && "Running".equals(vm.get("powerState")) && !ranTwice.contains(name)) {
                    ranTwice.add(name + " (running on " + cut.getKey() + ", cut off, and started on " + at + ")");
                }
            }
        }
        for (Map<String, Object> vm : vms) {
            String name = (String) vm.get("name");
            if (!isProtected(vm)) {
                continue;
            }
            boolean up = "Running".equals(vm.get("powerState")) && Boolean.TRUE.equals(vm.get("heartbeating"));
            if (up || excused.contains(name)) {
                Instant since = downSince.remove(name);
                reportedDown.remove(name);
                if (since != null && up) {
                    longestOutage.merge(downCause.getOrDefault(name, "?"), Duration.between(since, now),
                            (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
                continue;
            }
            Instant since = downSince.computeIfAbsent(name, n -> now);
            long memory = ((Number) vm.get("memoryBytes")).longValue();
            boolean room = hosts.stream().anyMatch(h -> "running".equals(h.get("power"))
                    && !Boolean.TRUE.equals(h.get("partitioned")) && Boolean.TRUE.equals(h.get("enabled"))
                    && ((Number) h.get("memoryFreeBytes")).longValue() >= memory);
            if (room && Duration.between(since, now).compareTo(DOWN_LIMIT) > 0 && reportedDown.add(name)) {
                leftDown.add(name + " down since " + since + " (" + downCause.getOrDefault(name, "?") + ")");
            }
        }
    }

    /** A VM its administrator shut down must stay Halted until the administrator starts it. */
    @SuppressWarnings("unchecked")
    void checkLeftOff(Map<String, Object> state, Set<String> shutDownByAdmin) {
        for (Map<String, Object> vm : (List<Map<String, Object>>) state.get("vms")) {
            String name = (String) vm.get("name");
            if (shutDownByAdmin.contains(name) && !"Halted".equals(vm.get("powerState"))
                    && !restartedAgainstAdmin.contains(name)) {
                restartedAgainstAdmin.add(name);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static boolean isProtected(Map<String, Object> vm) {
        Object priority = vm.get("haRestartPriority");
        return "restart".equals(priority) || "best-effort".equals(priority)
                || ((List<String>) vm.get("tags")).contains("xcp-balancer:guard=restart");
    }

    Map<String, Duration> longestOutage() {
        return longestOutage;
    }
}
