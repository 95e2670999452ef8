package org.xcpbalancer.simulator.model;

/**
 * How the model tells the rest of the simulator about its changes without knowing who listens: the composition
 * root (SimulatedPool) gives every {@link PoolModel} one hook, which feeds the RRD store and the XAPI event log.
 */
public interface ModelHook {

    /** A hook that ignores everything. */
    ModelHook NONE = new ModelHook() {
        @Override
        public void beforeChange() {
        }

        @Override
        public void changed(ModelChange change) {
        }
    };

    /**
     * Called holding the pool's lock just before the model changes, so that whatever samples the model (the RRD
     * archives) records the state that held until now. Must not call back into mutations.
     */
    void beforeChange();

    /** Called after each change, outside the lock, once per object touched. */
    void changed(ModelChange change);
}
