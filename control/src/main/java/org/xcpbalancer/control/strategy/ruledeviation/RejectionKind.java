package org.xcpbalancer.control.strategy.ruledeviation;

/** Why a candidate move was turned down, with the words the "nothing moved" line counts it under. */
enum RejectionKind {
    /** The violating host's deviation on the violated rule would not go down. */
    SOURCE_NOT_LOWERED("would not lower the violating host's value"),
    /** The destination would then violate a rule (the imbalance would only flip: ping-pong). */
    DESTINATION_VIOLATES("would make the destination violate a rule"),
    /** The source would start violating another rule, or violate one further. */
    SOURCE_VIOLATES("would make the source violate another rule"),
    /** The average would move so that a third host violates a rule. */
    OTHER_VIOLATES("would make another host violate a rule"),
    /** The pool's imbalance would not go down by at least minImprovement. */
    IMBALANCE_NOT_REDUCED("would not reduce the pool's imbalance"),
    /** Placement: the destination lacks the VM's memory. */
    NO_MEMORY("find no free memory on the destination"),
    /** Placement refused the destination for another reason. */
    PLACEMENT_REFUSED("may not run on the destination");

    private final String words;

    RejectionKind(String words) {
        this.words = words;
    }

    String words() {
        return words;
    }
}
