package org.xcpbalancer.control.plan;

import java.util.List;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.core.state.VmState;

/**
 * Scores candidate moves into arrays it reuses: the pool's imbalance after a move and each rule part's value on
 * the source and the destination and its average after it. A search scores thousands of candidates and keeps
 * only a few, so scoring allocates nothing ({@link #outcome} builds the kept one's {@link MoveOutcome}). Holds
 * the last scored move until the next {@link #score}: one scorer per search, used by one thread.
 */
public final class MoveScorer {
    private static final RuleSubject[] SUBJECTS = RuleSubject.values();

    private final RuleTable table;
    /** By subject ordinal; only the subjects of the rules are filled. */
    private final double[] sourceAfter = new double[SUBJECTS.length];
    private final double[] destinationAfter = new double[SUBJECTS.length];
    private final double[] averageAfter = new double[SUBJECTS.length];
    /** By part. */
    private final double[] partSourceAfter;
    private final double[] partDestinationAfter;
    private final double[] partAverageAfter;
    private final PartSums[] partSums;
    private PredictedPool pool;
    private VmState vm;
    private int source;
    private int destination;
    private double imbalance;

    public MoveScorer(List<HostRule> rules) {
        this(new RuleTable(rules));
    }

    public MoveScorer(RuleTable table) {
        this.table = table;
        partSourceAfter = new double[table.partCount()];
        partDestinationAfter = new double[table.partCount()];
        partAverageAfter = new double[table.partCount()];
        partSums = new PartSums[table.partCount()];
    }

    public RuleTable table() {
        return table;
    }

    /** Scores moving the VM from source to destination in the pool; returns the pool's imbalance after it. */
    public double score(PredictedPool pool, VmState vm, int source, int destination) {
        if (pool != this.pool) {
            // The sums are the pool's: a search scores one pool (an affinity group's move, one per destination).
            for (int p = 0; p < partSums.length; p++) {
                partSums[p] = pool.partSums(table.part(p));
            }
            this.pool = pool;
        }
        this.vm = vm;
        this.source = source;
        this.destination = destination;
        for (RuleSubject subject : table.usedSubjects()) {
            pool.predictInto(subject, vm, source, destination, sourceAfter, destinationAfter, averageAfter);
        }
        double total = 0;
        for (int p = 0; p < partSums.length; p++) {
            partSourceAfter[p] = table.valueOf(p, sourceAfter);
            partDestinationAfter[p] = table.valueOf(p, destinationAfter);
            partAverageAfter[p] = table.valueOf(p, averageAfter);
            total += partSums[p].imbalanceAfterMove(table.hostValue(pool, p, source),
                    table.hostValue(pool, p, destination), partSourceAfter[p], partDestinationAfter[p],
                    partAverageAfter[p], table.threshold(p));
        }
        imbalance = total;
        return total;
    }

    /** The imbalance after the last scored move. */
    public double imbalance() {
        return imbalance;
    }

    /** Part p's pool average after the last scored move. */
    public double averageAfter(int p) {
        return partAverageAfter[p];
    }

    /** Whether the destination would violate rule r after the last scored move. */
    public boolean destinationViolates(int r) {
        return table.violated(r, partDestinationAfter, partAverageAfter);
    }

    public boolean sourceViolates(int r) {
        return table.violated(r, partSourceAfter, partAverageAfter);
    }

    /** How far into rule r the source would be after the last scored move (see {@link HostRule#severity}). */
    public double sourceSeverity(int r) {
        return table.severity(r, partSourceAfter, partAverageAfter);
    }

    /** Whether a host with these values (by part), not moved itself, would violate rule r at the averages after. */
    public boolean violatedAfter(int r, double[] hostValues) {
        return table.violated(r, hostValues, partAverageAfter);
    }

    /** The last scored move's values for every subject, as {@link PredictedPool#predict} gives them. */
    public MoveOutcome outcome() {
        double[] sourceAll = new double[SUBJECTS.length];
        double[] destinationAll = new double[SUBJECTS.length];
        double[] averageAll = new double[SUBJECTS.length];
        for (RuleSubject subject : SUBJECTS) {
            pool.predictInto(subject, vm, source, destination, sourceAll, destinationAll, averageAll);
        }
        return new MoveOutcome(sourceAll, destinationAll, averageAll, imbalance);
    }
}
