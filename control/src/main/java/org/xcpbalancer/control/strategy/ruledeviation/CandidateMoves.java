package org.xcpbalancer.control.strategy.ruledeviation;

import java.util.Arrays;

/**
 * The moves of one search that passed the rule checks, in primitive arrays: a search keeps thousands and asks the
 * placement of only the first few, so no object is made per move, and a planning pass reuses one list for all its
 * searches ({@link #clear}). {@link #rank} orders them as the search asks the placement: a preferred destination
 * first, then the lowest imbalance, ties in the order added.
 */
final class CandidateMoves {
    private int size;
    private int[] vm = new int[64];
    private int[] destination = new int[64];
    private double[] imbalance = new double[64];
    private boolean[] unpreferred = new boolean[64];
    private int[] order = new int[0];
    private int[] buffer = new int[0];

    /** @param vm the VM's index in the search's list of movable VMs */
    void add(int vm, int destination, double imbalance, boolean unpreferred) {
        if (size == this.vm.length) {
            int grown = size * 2;
            this.vm = Arrays.copyOf(this.vm, grown);
            this.destination = Arrays.copyOf(this.destination, grown);
            this.imbalance = Arrays.copyOf(this.imbalance, grown);
            this.unpreferred = Arrays.copyOf(this.unpreferred, grown);
        }
        this.vm[size] = vm;
        this.destination[size] = destination;
        this.imbalance[size] = imbalance;
        this.unpreferred[size] = unpreferred;
        size++;
    }

    int vm(int i) {
        return vm[i];
    }

    int destination(int i) {
        return destination[i];
    }

    double imbalance(int i) {
        return imbalance[i];
    }

    int size() {
        return size;
    }

    /** Empties the list, keeping its arrays for the next search of the same planning pass. */
    void clear() {
        size = 0;
    }

    /** Orders the candidates best first ({@link #ranked}): a stable merge sort, equal ones keep the order added. */
    void rank() {
        if (order.length < size) {
            order = new int[vm.length];
            buffer = new int[vm.length];
        }
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int width = 1; width < size; width *= 2) {
            for (int from = 0; from < size; from += 2 * width) {
                int middle = Math.min(from + width, size);
                int to = Math.min(from + 2 * width, size);
                int left = from;
                int right = middle;
                for (int k = from; k < to; k++) {
                    boolean takeLeft = right >= to || left < middle && compare(order[left], order[right]) <= 0;
                    buffer[k] = takeLeft ? order[left++] : order[right++];
                }
            }
            int[] merged = buffer;
            buffer = order;
            order = merged;
        }
    }

    /** The index of the k-th best candidate, after {@link #rank}. */
    int ranked(int k) {
        return order[k];
    }

    /** As Comparator.comparing(unpreferred).thenComparingDouble(imbalance): false before true, Double.compare. */
    private int compare(int a, int b) {
        if (unpreferred[a] != unpreferred[b]) {
            return unpreferred[a] ? 1 : -1;
        }
        return Double.compare(imbalance[a], imbalance[b]);
    }
}
