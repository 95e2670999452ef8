package org.xcpbalancer.simulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.xcpbalancer.simulator.fault.FaultInjector;
import org.xcpbalancer.simulator.model.ModelChange;
import org.xcpbalancer.simulator.model.ModelHook;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.model.SimClock;
import org.xcpbalancer.simulator.rrd.RrdStore;
import org.xcpbalancer.simulator.scenario.Scenario;
import org.xcpbalancer.simulator.xapi.ObjectRefs;
import org.xcpbalancer.simulator.xapi.XapiApi;
import org.xcpbalancer.simulator.xapi.XapiServices;
import org.xcpbalancer.simulator.xapi.event.EventLog;
import org.xcpbalancer.simulator.xapi.task.TaskManager;

/**
 * The composition root of one simulated pool: it owns the lock, builds the model, the RRD store, the XAPI refs,
 * event log and tasks, the fault injector and the XAPI face, and wires the model's {@link ModelHook} to them.
 * Dependencies run one way: rrd reads model, xapi reads model and rrd, model knows neither. {@link SimulatorServer}
 * puts a pool on the network; tests that need no network use a pool directly.
 */
public final class SimulatedPool implements AutoCloseable {

    /** Guards the model and the RRD store together, so that sampling sees each state of the model whole. */
    private final Object lock = new Object();
    private final List<Consumer<ModelChange>> listeners = new CopyOnWriteArrayList<>();
    private final PoolModel model;
    private final RrdStore rrd;
    private final FaultInjector faults;
    private final XapiApi xapi;

    private SimulatedPool(Scenario scenario, SimClock clock, SimulatorOptions options) {
        this.model = new PoolModel(scenario, clock, options.seed(), lock, new Hook());
        this.rrd = new RrdStore(model, lock);
        this.faults = new FaultInjector(options.faults(), options.seed());
        ObjectRefs refs = new ObjectRefs();
        EventLog events = new EventLog(options.deletedEventsKept());
        TaskManager tasks = new TaskManager(refs, events, clock);
        this.xapi = new XapiApi(model, rrd, refs, events, tasks, faults,
                new XapiServices.Credentials(options.userName(), options.password()));
    }

    /** Builds the pool a scenario describes; the options' seed drives every random choice. */
    public static SimulatedPool create(Scenario scenario, SimClock clock, SimulatorOptions options) {
        SimulatedPool pool = new SimulatedPool(scenario, clock, options);
        pool.rrd.prefill();
        return pool;
    }

    /** A pool with the default options and the given seed: for tests that drive the model directly. */
    public static SimulatedPool create(Scenario scenario, SimClock clock, long seed) {
        return create(scenario, clock, SimulatorOptions.defaults().withSeed(seed));
    }

    public PoolModel model() {
        return model;
    }

    /** The RRD archives of every host and VM. */
    public RrdStore rrd() {
        return rrd;
    }

    public FaultInjector faults() {
        return faults;
    }

    public XapiApi xapi() {
        return xapi;
    }

    /** Tells {@code listener} every model change after it is made, outside the lock. */
    public void addListener(Consumer<ModelChange> listener) {
        listeners.add(listener);
    }

    /** Stops the migrations in flight. */
    @Override
    public void close() {
        xapi.close();
        model.close();
    }

    /** The model's hook: the RRD store samples before each change, then the XAPI events and listeners hear it. */
    private final class Hook implements ModelHook {
        @Override
        public void beforeChange() {
            rrd.catchUp();
        }

        @Override
        public void changed(ModelChange change) {
            xapi.modelChanged(change);
            for (Consumer<ModelChange> listener : listeners) {
                listener.accept(change);
            }
        }
    }
}
