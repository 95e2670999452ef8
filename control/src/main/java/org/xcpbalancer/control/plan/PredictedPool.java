package org.xcpbalancer.control.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.core.constraints.ConstraintModel;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolHa;
import org.xcpbalancer.core.state.RulePart;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.core.state.VmState;

/**
 * The pool as planning predicts it: the collected host values and free memory, changed by each planned move.
 * Immutable: {@link #withMove} returns a new pool, so every strategy and every {@code Placement} check sees the
 * pool as predicted after the moves planned before it. Keeps per subject the sum and sum of squares over the
 * measured hosts, so a candidate move is scored in constant time ({@link #predict}). A NaN value is a host whose
 * subject was not measured: it takes no part in the average and can neither give nor take a VM.
 */
public final class PredictedPool {
    private static final RuleSubject[] SUBJECTS = RuleSubject.values();

    private final List<HostState> hosts;
    private final Map<String, Integer> index;
    private final double[][] values;
    private final long[] freeMemoryMb;
    private final long[] reservedMemoryMb;
    private final double[] sum;
    private final double[] sumOfSquares;
    private final int[] measured;
    /** Where each VM was collected, shared by every pool derived from one snapshot. */
    private final Map<String, Integer> collectedVmHost;
    /** Where the moves predicted so far put their VMs: small, so withMove copies only this. */
    private final Map<String, Integer> movedVmHost;
    private final ConstraintModel constraints;
    private final Map<String, Integer> inFlightTo;
    /** Per score part, Σv, Σv², n: filled on first use (a pool is planned by one thread at a time). */
    private final Map<RulePart, PartSums> scoreSums = new java.util.concurrent.ConcurrentHashMap<>();

    private PredictedPool(List<HostState> hosts, Map<String, Integer> index, double[][] values, long[] freeMemoryMb,
            long[] reservedMemoryMb, double[] sum, double[] sumOfSquares, int[] measured,
            Map<String, Integer> collectedVmHost, Map<String, Integer> movedVmHost, ConstraintModel constraints,
            Map<String, Integer> inFlightTo) {
        this.hosts = hosts;
        this.index = index;
        this.values = values;
        this.freeMemoryMb = freeMemoryMb;
        this.reservedMemoryMb = reservedMemoryMb;
        this.sum = sum;
        this.sumOfSquares = sumOfSquares;
        this.measured = measured;
        this.collectedVmHost = collectedVmHost;
        this.movedVmHost = movedVmHost;
        this.constraints = constraints;
        this.inFlightTo = inFlightTo;
    }

    /** The pool as collected, with the memory that migrations in flight reserve on their destinations. */
    public static PredictedPool of(PoolSnapshot snapshot) {
        return of(snapshot.hosts(), snapshot.vms(), snapshot.reservedMemoryMbByHost(), ConstraintModel.of(snapshot.state()),
                snapshot.migrations().inFlightDestinations());
    }

    /** @param reservedMemoryMbByHost per host uuid, memory promised to migrations in flight to it */
    public static PredictedPool of(List<HostState> hosts, List<VmState> vms, Map<String, Long> reservedMemoryMbByHost) {
        return of(hosts, vms, reservedMemoryMbByHost, ConstraintModel.of(hosts, vms, List.of(),
                new PoolHa(false, 0, 0, false)), Map.of());
    }

    /** With the pool's constraints and, per VM uuid in flight, its destination host uuid. */
    public static PredictedPool of(List<HostState> hosts, List<VmState> vms, Map<String, Long> reservedMemoryMbByHost,
            ConstraintModel constraints, Map<String, String> inFlightDestinations) {
        int n = hosts.size();
        Map<String, Integer> index = new HashMap<>();
        double[][] values = new double[SUBJECTS.length][n];
        long[] free = new long[n];
        long[] reserved = new long[n];
        double[] sum = new double[SUBJECTS.length];
        double[] squares = new double[SUBJECTS.length];
        int[] measured = new int[SUBJECTS.length];
        for (int h = 0; h < n; h++) {
            HostState host = hosts.get(h);
            index.put(host.uuid(), h);
            free[h] = host.memoryFreeMb() == null ? 0 : host.memoryFreeMb();
            reserved[h] = reservedMemoryMbByHost.getOrDefault(host.uuid(), 0L);
            for (RuleSubject subject : SUBJECTS) {
                Double value = subject.valueOf(host);
                double v = value == null || value.isNaN() ? Double.NaN : value;
                values[subject.ordinal()][h] = v;
                if (!Double.isNaN(v)) {
                    sum[subject.ordinal()] += v;
                    squares[subject.ordinal()] += v * v;
                    measured[subject.ordinal()]++;
                }
            }
        }
        Map<String, Integer> vmHost = new HashMap<>();
        for (VmState vm : vms) {
            Integer h = vm.hostUuid() == null ? null : index.get(vm.hostUuid());
            if (h != null) {
                vmHost.put(vm.uuid(), h);
            }
        }
        Map<String, Integer> inFlightTo = new HashMap<>();
        inFlightDestinations.forEach((vm, host) -> Optional.ofNullable(index.get(host)).ifPresent(h -> inFlightTo.put(vm, h)));
        return new PredictedPool(List.copyOf(hosts), Map.copyOf(index), values, free, reserved, sum, squares,
                measured, vmHost, Map.of(), constraints, Map.copyOf(inFlightTo));
    }

    /** The pool's placement constraints: groups, host labels, HA (the same in every predicted pool). */
    public ConstraintModel constraints() {
        return constraints;
    }

    /** Per VM uuid with a migration in flight, its destination's index: XAPI counts it on both hosts. */
    public Map<String, Integer> inFlightTo() {
        return inFlightTo;
    }

    /** The uuid of the VM's host after the moves predicted so far; null when it is not running. */
    public String hostUuidOf(String vmUuid) {
        Integer h = hostOf(vmUuid);
        return h == null ? null : hosts.get(h).uuid();
    }

    public int hostCount() {
        return hosts.size();
    }

    public HostState host(int h) {
        return hosts.get(h);
    }

    /** The host's index, or null when the pool has no such host. */
    public Integer indexOf(String hostUuid) {
        return index.get(hostUuid);
    }

    /** Where the VM is after the moves predicted so far; null when it is not running on a known host. */
    public Integer hostOf(String vmUuid) {
        Integer moved = movedVmHost.get(vmUuid);
        return moved != null ? moved : collectedVmHost.get(vmUuid);
    }

    public double value(RuleSubject subject, int h) {
        return values[subject.ordinal()][h];
    }

    /** Free memory as collected (XAPI counts the control domain's memory as used), changed by the moves. */
    public long freeMemoryMb(int h) {
        return freeMemoryMb[h];
    }

    /** Memory promised to migrations in flight to the host, not yet visible in the collected free memory. */
    public long reservedMemoryMb(int h) {
        return reservedMemoryMb[h];
    }

    public double average(RuleSubject subject) {
        int n = measured[subject.ordinal()];
        return n == 0 ? Double.NaN : sum[subject.ordinal()] / n;
    }

    /** How far the host is above the pool average (negative when below). */
    public double deviation(RuleSubject subject, int h) {
        return value(subject, h) - average(subject);
    }

    /** The part's value on host h: its subject's, or a score's weighted average; NaN when not measured. */
    public double value(RulePart part, int h) {
        return part.single() ? values[part.subject(0).ordinal()][h] : part.valueOf(s -> values[s.ordinal()][h]);
    }

    /** The part's pool average: its subject's, or for a score the weighted average of its subjects' averages. */
    public double average(RulePart part) {
        return part.single() ? average(part.subject(0)) : part.valueOf(this::average);
    }

    public double deviation(RulePart part, int h) {
        return value(part, h) - average(part);
    }

    public boolean violates(HostRule rule, int h) {
        return rule.violatedBy(part -> deviation(part, h));
    }

    /** How far into the rule the host is, in units of threshold (see {@link HostRule#severity}). */
    public double severity(HostRule rule, int h) {
        return rule.severity(part -> deviation(part, h));
    }

    /** Hosts violating the rule now, furthest into it first. */
    public List<Integer> violators(HostRule rule) {
        List<Integer> result = new ArrayList<>();
        for (int h = 0; h < hosts.size(); h++) {
            if (violates(rule, h)) {
                result.add(h);
            }
        }
        result.sort((a, b) -> Double.compare(severity(rule, b), severity(rule, a)));
        return result;
    }

    /**
     * The imbalance of the pool for the rules: the sum over rules and their parts of Σ(value − average)² /
     * threshold², i.e. the squared deviations in units of each part's threshold (a score's value is its weighted
     * average). A move that lowers it reduces the deviation.
     */
    public double imbalance(List<HostRule> rules) {
        double total = 0;
        for (HostRule rule : rules) {
            for (RulePart part : rule.parts()) {
                total += partSums(part).imbalance(average(part), part.threshold());
            }
        }
        return total;
    }

    /** Kept per subject; computed once per pool for a score. */
    PartSums partSums(RulePart part) {
        if (!part.single()) {
            return scoreSums.computeIfAbsent(part, p -> PartSums.over(this, p));
        }
        int s = part.subject(0).ordinal();
        return new PartSums(sum[s], sumOfSquares[s], measured[s]);
    }

    /** The VM's share of the subject on host h (see {@link SubjectValues#share}), NaN when not measured. */
    public double share(RuleSubject subject, VmState vm, int h) {
        HostState host = hosts.get(h);
        Integer cpuNum = host.cpuNum();
        return cpuNum == null ? Double.NaN : SubjectValues.share(subject, vm, cpuNum, host.memoryTotalMb());
    }

    /** The pool after moving the VM from source to destination; this pool is unchanged. */
    public PredictedPool withMove(VmState vm, int source, int destination) {
        double[][] newValues = new double[SUBJECTS.length][];
        double[] newSum = sum.clone();
        double[] newSquares = sumOfSquares.clone();
        for (RuleSubject subject : SUBJECTS) {
            int s = subject.ordinal();
            double[] v = values[s].clone();
            double before = v[source] + v[destination];
            double beforeSquares = v[source] * v[source] + v[destination] * v[destination];
            v[source] -= share(subject, vm, source);
            v[destination] += share(subject, vm, destination);
            if (!Double.isNaN(before)) {
                newSum[s] += v[source] + v[destination] - before;
                newSquares[s] += v[source] * v[source] + v[destination] * v[destination] - beforeSquares;
            }
            newValues[s] = v;
        }
        long memoryMb = vm.memoryMb() == null ? 0 : vm.memoryMb();
        long[] free = freeMemoryMb.clone();
        free[source] += memoryMb;
        free[destination] -= memoryMb;
        Map<String, Integer> moved = new HashMap<>(movedVmHost);
        moved.put(vm.uuid(), destination);
        return new PredictedPool(hosts, index, newValues, free, reservedMemoryMb, newSum, newSquares, measured,
                collectedVmHost, moved, constraints, inFlightTo);
    }

    /**
     * The values after a move, for scoring it without building the new pool. A search that scores many moves keeps
     * one {@link MoveScorer} instead: this builds one per call.
     */
    public MoveOutcome predict(VmState vm, int source, int destination, List<HostRule> rules) {
        MoveScorer scorer = new MoveScorer(rules);
        scorer.score(this, vm, source, destination);
        return scorer.outcome();
    }

    /**
     * The subject's values on source and destination and its pool average after moving the VM, written into the
     * three arrays at the subject's ordinal (so a scorer can reuse its arrays). An average over a host that was
     * not measured stays as it is: that host takes no part in it.
     */
    void predictInto(RuleSubject subject, VmState vm, int source, int destination, double[] sourceAfter,
            double[] destinationAfter, double[] averageAfter) {
        int s = subject.ordinal();
        double sb = values[s][source];
        double db = values[s][destination];
        sourceAfter[s] = sb - share(subject, vm, source);
        destinationAfter[s] = db + share(subject, vm, destination);
        double sumAfter = sum[s] - sb - db + sourceAfter[s] + destinationAfter[s];
        averageAfter[s] = Double.isNaN(sb) || Double.isNaN(db) || measured[s] == 0 ? average(subject)
                : sumAfter / measured[s];
    }
}
