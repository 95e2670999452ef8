package org.xcpbalancer.simulator;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.xcpbalancer.simulator.admin.AdminHttpHandler;
import org.xcpbalancer.simulator.admin.SimulatorAdmin;
import org.xcpbalancer.simulator.fault.FaultInjector;
import org.xcpbalancer.simulator.http.HostListeners;
import org.xcpbalancer.simulator.http.RrdUpdatesEndpoint;
import org.xcpbalancer.simulator.http.XapiHttpHandler;
import org.xcpbalancer.simulator.model.ModelChange;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.model.SimClock;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.rrd.NoRraAvailableException;
import org.xcpbalancer.simulator.rrd.RrdUpdatesRenderer;
import org.xcpbalancer.simulator.scenario.Scenario;
import org.xcpbalancer.simulator.xapi.XapiApi;

/** Puts a {@link SimulatedPool} on the network: one listener per host address, the admin API and /rrd_updates. */
public final class SimulatorServer {

    private SimulatorServer() {
    }

    public static RunningSimulator start(Scenario scenario, SimulatorOptions options) {
        SimClock clock = options.speed() == SimulatorOptions.SPEED_REAL_TIME ? SimClock.realTime()
                : SimClock.scaled(options.speed());
        return start(scenario, clock, options);
    }

    /** Serves a pool on the given clock (tests that drive a manual clock). */
    public static RunningSimulator start(Scenario scenario, SimClock clock, SimulatorOptions options) {
        SimulatedPool pool = SimulatedPool.create(scenario, clock, options);
        PoolModel model = pool.model();
        XapiApi api = pool.xapi();
        FaultInjector faults = pool.faults();
        HostListeners listeners = new HostListeners();
        AtomicLong rrdRequests = new AtomicLong();
        RrdUpdatesEndpoint rrd = rrdEndpoint(model, new RrdUpdatesRenderer(pool.rrd()));
        SimulatorAdmin admin = new SimulatorAdmin(model, faults, api.services());
        // A host serves its address while its machine is up: power changes come from XAPI calls, timers and admin.
        pool.addListener(change -> {
            if (change.subject() == ModelChange.Subject.HOST) {
                SimHost host = model.host(change.uuid());
                if (!host.isMaster()) {
                    listeners.follow(host.uuid(), host::up);
                }
            }
        });
        try {
            SimHost master = model.master();
            AdminHttpHandler adminHandler = new AdminHttpHandler(admin,
                    () -> api.dispatcher().callCount() + rrdRequests.get());
            listeners.startFirst(master.uuid(), master.address(), options.port(),
                    handler(model, master, api, faults, rrd, adminHandler, rrdRequests));
            for (SimHost host : model.hosts()) {
                if (!host.isMaster()) {
                    listeners.start(host.uuid(), host.address(),
                            handler(model, host, api, faults, rrd, null, rrdRequests));
                }
            }
        } catch (RuntimeException e) {
            listeners.close();
            pool.close();
            throw e;
        }
        return new RunningSimulator(pool, listeners, admin, rrdRequests);
    }

    private static XapiHttpHandler handler(PoolModel model, SimHost host, XapiApi api, FaultInjector faults,
                                           RrdUpdatesEndpoint rrd, AdminHttpHandler admin, AtomicLong rrdRequests) {
        return new XapiHttpHandler(host.uuid(), api.dispatcher(), api.services().sessions(), faults, rrd, admin,
                rrdRequests, host::up);
    }

    /** GET /rrd_updates?start=&interval=&host=true[&vm_uuid=][&json]: this host and its resident VMs only. */
    private static RrdUpdatesEndpoint rrdEndpoint(PoolModel model, RrdUpdatesRenderer renderer) {
        return (hostUuid, query) -> {
            SimHost host = model.host(hostUuid);
            long start;
            int interval;
            try {
                start = Long.parseLong(query.get("start").trim());
                interval = Integer.parseInt(query.getOrDefault("interval", "5").trim());
            } catch (NumberFormatException e) {
                return new RrdUpdatesEndpoint.Response(400, "text/html",
                        "<html><body><h1>HTTP 400 bad request</h1></body></html>");
            }
            // xcp-rrdd takes only the exact string "true" (host=True means false there too).
            boolean includeHost = "true".equals(query.get("host"));
            String vmUuid = emptyToNull(query.get("vm_uuid"));
            try {
                // Only AVERAGE archives are kept; xcp-rrdd fails the request (No_RRA_Available) for another cf.
                if (!RrdUpdatesRenderer.supportsCf(query.get("cf"))) {
                    throw new NoRraAvailableException("no " + query.get("cf") + " archive");
                }
                if (query.containsKey("json")) {
                    return new RrdUpdatesEndpoint.Response(200, "application/json",
                            renderer.json(host, start, interval, includeHost, vmUuid));
                }
                return new RrdUpdatesEndpoint.Response(200, "text/xml",
                        renderer.xml(host, start, interval, includeHost, vmUuid));
            } catch (NoRraAvailableException e) {
                return new RrdUpdatesEndpoint.Response(500, "text/html",
                        "<html><body><h1>HTTP 500 internal server error</h1>An unexpected error occurred; please wait a while"
                                + " and try again. If the problem persists, please contact your support representative."
                                + "<h1> Additional information </h1>Rrd.No_RRA_Available</body></html>");
            }
        };
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

}
