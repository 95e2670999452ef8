package org.xcpbalancer.control.strategy.ruledeviation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.control.plan.SubjectValues;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.core.state.VmState;

/**
 * The pool as planning predicts it: the collected host values, changed by each planned move. Keeps per subject
 * the sum and sum of squares over the measured hosts, so a candidate move is scored in constant time (only its
 * source and destination change). A NaN value is a host whose subject was not measured: it takes no part in
 * the average and can neither give nor take a VM.
 */
final class PredictedPool {
    private static final RuleSubject[] SUBJECTS = RuleSubject.values();

    private final List<HostState> hosts;
    private final Map<String, Integer> index = new HashMap<>();
    private final double[][] values;
    private final long[] freeMemoryMb;
    private final double[] sum;
    private final double[] sumOfSquares;
    private final int[] measured;
    private final Map<String, Integer> vmHost = new HashMap<>();

    PredictedPool(List<HostState> hosts, List<VmState> vms) {
        this.hosts = List.copyOf(hosts);
        values = new double[SUBJECTS.length][hosts.size()];
        freeMemoryMb = new long[hosts.size()];
        sum = new double[SUBJECTS.length];
        sumOfSquares = new double[SUBJECTS.length];
        measured = new int[SUBJECTS.length];
        for (int h = 0; h < hosts.size(); h++) {
            HostState host = hosts.get(h);
            index.put(host.uuid(), h);
            freeMemoryMb[h] = host.memoryFreeMb() == null ? 0 : host.memoryFreeMb();
            for (RuleSubject subject : SUBJECTS) {
                Double value = subject.valueOf(host);
                double v = value == null || value.isNaN() ? Double.NaN : value;
                values[subject.ordinal()][h] = v;
                if (!Double.isNaN(v)) {
                    sum[subject.ordinal()] += v;
                    sumOfSquares[subject.ordinal()] += v * v;
                    measured[subject.ordinal()]++;
                }
            }
        }
        for (VmState vm : vms) {
            Integer h = vm.hostUuid() == null ? null : index.get(vm.hostUuid());
            if (h != null) {
                vmHost.put(vm.uuid(), h);
            }
        }
    }

    int hostCount() {
        return hosts.size();
    }

    HostState host(int h) {
        return hosts.get(h);
    }

    Integer indexOf(String hostUuid) {
        return index.get(hostUuid);
    }

    /** Where the VM is after the moves planned so far; null when it is not running on a known host. */
    Integer hostOf(String vmUuid) {
        return vmHost.get(vmUuid);
    }

    double value(RuleSubject subject, int h) {
        return values[subject.ordinal()][h];
    }

    long freeMemoryMb(int h) {
        return freeMemoryMb[h];
    }

    double average(RuleSubject subject) {
        int n = measured[subject.ordinal()];
        return n == 0 ? Double.NaN : sum[subject.ordinal()] / n;
    }

    /** How far the host is above the pool average (negative when below). */
    double deviation(RuleSubject subject, int h) {
        return value(subject, h) - average(subject);
    }

    boolean violates(HostRule rule, int h) {
        double value = value(rule.subject(), h);
        return !Double.isNaN(value) && value - average(rule.subject()) > rule.threshold();
    }

    /** Hosts violating the rule now, furthest above the average first. */
    List<Integer> violators(HostRule rule) {
        List<Integer> result = new ArrayList<>();
        for (int h = 0; h < hosts.size(); h++) {
            if (violates(rule, h)) {
                result.add(h);
            }
        }
        result.sort((a, b) -> Double.compare(value(rule.subject(), b), value(rule.subject(), a)));
        return result;
    }

    /**
     * The imbalance of the pool for the rules: the sum over rules of Σ(value − average)² / threshold², i.e. the
     * squared deviations in units of each rule's threshold. A move that lowers it reduces the deviation.
     */
    double imbalance(List<HostRule> rules) {
        double total = 0;
        for (HostRule rule : rules) {
            int s = rule.subject().ordinal();
            int n = measured[s];
            if (n > 0) {
                total += (sumOfSquares[s] - sum[s] * sum[s] / n) / (rule.threshold() * rule.threshold());
            }
        }
        return total;
    }

    /** The VM's share of the subject on host h (see {@link SubjectValues#shareOf}). */
    double share(RuleSubject subject, VmState vm, int h) {
        Double cpuNum = hosts.get(h).cpuNum() == null ? null : hosts.get(h).cpuNum().doubleValue();
        Double share = cpuNum == null ? null : SubjectValues.shareOf(subject, vm, cpuNum.intValue());
        return share == null ? Double.NaN : share;
    }

    /** Applies a planned move to the prediction. */
    void apply(VmState vm, int source, int destination) {
        for (RuleSubject subject : SUBJECTS) {
            int s = subject.ordinal();
            double before = values[s][source] + values[s][destination];
            double beforeSquares = values[s][source] * values[s][source] + values[s][destination] * values[s][destination];
            values[s][source] = values[s][source] - share(subject, vm, source);
            values[s][destination] = values[s][destination] + share(subject, vm, destination);
            if (!Double.isNaN(before)) {
                sum[s] += values[s][source] + values[s][destination] - before;
                sumOfSquares[s] += values[s][source] * values[s][source]
                        + values[s][destination] * values[s][destination] - beforeSquares;
            }
        }
        long memoryMb = vm.memoryMb() == null ? 0 : vm.memoryMb();
        freeMemoryMb[source] += memoryMb;
        freeMemoryMb[destination] -= memoryMb;
        vmHost.put(vm.uuid(), destination);
    }

    /** The pool's sums as they would be after a move, for scoring it without applying it. */
    MoveOutcome predict(VmState vm, int source, int destination, List<HostRule> rules) {
        double[] sourceAfter = new double[SUBJECTS.length];
        double[] destinationAfter = new double[SUBJECTS.length];
        double[] averageAfter = new double[SUBJECTS.length];
        double imbalance = 0;
        for (RuleSubject subject : SUBJECTS) {
            int s = subject.ordinal();
            double sb = values[s][source];
            double db = values[s][destination];
            double sa = sb - share(subject, vm, source);
            double da = db + share(subject, vm, destination);
            sourceAfter[s] = sa;
            destinationAfter[s] = da;
            int n = measured[s];
            if (Double.isNaN(sb) || Double.isNaN(db) || n == 0) {
                averageAfter[s] = average(subject);
                continue;
            }
            double newSum = sum[s] - sb - db + sa + da;
            averageAfter[s] = newSum / n;
        }
        for (HostRule rule : rules) {
            int s = rule.subject().ordinal();
            int n = measured[s];
            if (n == 0) {
                continue;
            }
            double sb = values[s][source];
            double db = values[s][destination];
            double newSum = sum[s] - sb - db + sourceAfter[s] + destinationAfter[s];
            double newSquares = sumOfSquares[s] - sb * sb - db * db
                    + sourceAfter[s] * sourceAfter[s] + destinationAfter[s] * destinationAfter[s];
            imbalance += (newSquares - newSum * newSum / n) / (rule.threshold() * rule.threshold());
        }
        return new MoveOutcome(sourceAfter, destinationAfter, averageAfter, imbalance);
    }

    /**
     * The three largest values among hosts that do not violate the rule now. After a move only the average
     * changes for hosts other than its source and destination, so the largest of these (skipping the two) is
     * the one that could start violating; computed once per search instead of once per candidate.
     */
    TopCompliant topCompliant(HostRule rule) {
        int[] index = {-1, -1, -1};
        double[] value = {Double.NaN, Double.NaN, Double.NaN};
        int s = rule.subject().ordinal();
        for (int h = 0; h < hosts.size(); h++) {
            double v = values[s][h];
            if (Double.isNaN(v) || violates(rule, h)) {
                continue;
            }
            for (int slot = 0; slot < 3; slot++) {
                if (index[slot] < 0 || v > value[slot]) {
                    for (int move = 2; move > slot; move--) {
                        index[move] = index[move - 1];
                        value[move] = value[move - 1];
                    }
                    index[slot] = h;
                    value[slot] = v;
                    break;
                }
            }
        }
        return new TopCompliant(index, value);
    }

    /** See {@link #topCompliant}. */
    record TopCompliant(int[] index, double[] value) {
        /** The largest compliant value of a host other than the two given, or NaN. */
        double largestExcept(int first, int second) {
            for (int slot = 0; slot < 3; slot++) {
                if (index[slot] >= 0 && index[slot] != first && index[slot] != second) {
                    return value[slot];
                }
            }
            return Double.NaN;
        }
    }

    /** The predicted values after one candidate move, indexed by subject ordinal. */
    record MoveOutcome(double[] sourceAfter, double[] destinationAfter, double[] averageAfter, double imbalance) {
        double sourceAfter(RuleSubject subject) {
            return sourceAfter[subject.ordinal()];
        }

        double destinationAfter(RuleSubject subject) {
            return destinationAfter[subject.ordinal()];
        }

        double averageAfter(RuleSubject subject) {
            return averageAfter[subject.ordinal()];
        }
    }
}
