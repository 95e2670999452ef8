package org.xcpbalancer.simulator;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import org.xcpbalancer.simulator.admin.SimulatorAdmin;
import org.xcpbalancer.simulator.http.HostListeners;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.xapi.XapiApi;

/**
 * A simulator serving XAPI on every host's address until closed. Other modules' tests start one in-process with
 * {@link SimulatorServer#start}.
 */
public final class RunningSimulator implements AutoCloseable {

    private final SimulatedPool pool;
    private final PoolModel model;
    private final XapiApi api;
    private final HostListeners listeners;
    private final SimulatorAdmin admin;
    private final AtomicLong rrdRequests;
    private final int port;

    RunningSimulator(SimulatedPool pool, HostListeners listeners, SimulatorAdmin admin, AtomicLong rrdRequests) {
        this.pool = pool;
        this.model = pool.model();
        this.api = pool.xapi();
        this.listeners = listeners;
        this.admin = admin;
        this.rrdRequests = rrdRequests;
        this.port = listeners.port();
    }

    /** http://127.0.0.1:PORT, the master's address: where clients log in. */
    public URI masterUrl() {
        return hostUrl(model.master().address());
    }

    /** http://ADDRESS:PORT for any host address (each host serves its own /rrd_updates there). */
    public URI hostUrl(String address) {
        return URI.create("http://" + address + ":" + port);
    }

    public int port() {
        return port;
    }

    public PoolModel model() {
        return model;
    }

    /** Faults, kill/revive, VM load and the true state at run time. */
    public SimulatorAdmin admin() {
        return admin;
    }

    /**
     * XAPI requests served so far: every XML-RPC and JSON-RPC call plus every GET /rrd_updates (not /sim/ calls).
     */
    public long callCount() {
        return api.dispatcher().callCount() + rrdRequests.get();
    }

    /** XML-RPC and JSON-RPC calls only. */
    public long rpcCallCount() {
        return api.dispatcher().callCount();
    }

    public XapiApi xapi() {
        return api;
    }

    /** The pool behind the listeners: model, RRD store, XAPI state. */
    public SimulatedPool pool() {
        return pool;
    }

    @Override
    public void close() {
        listeners.close();
        pool.close();
    }
}
