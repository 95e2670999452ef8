package org.xcpbalancer.simulator.xapi;

import org.xcpbalancer.simulator.fault.FaultInjector;
import org.xcpbalancer.simulator.model.ModelChange;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.rrd.RrdStore;
import org.xcpbalancer.simulator.xapi.event.EventLog;
import org.xcpbalancer.simulator.xapi.records.HostRecords;
import org.xcpbalancer.simulator.xapi.records.TaskRecords;
import org.xcpbalancer.simulator.xapi.records.VmGroupRecords;
import org.xcpbalancer.simulator.xapi.records.VmRecords;
import org.xcpbalancer.simulator.xapi.task.MigrationService;
import org.xcpbalancer.simulator.xapi.task.TaskManager;

/**
 * The XAPI face of one simulated pool: records, sessions, migrations and the method table over the model, the
 * RRD store, the refs, the event log and the tasks that the composition root (SimulatedPool) builds and hands in.
 * The root passes every model change to {@link #modelChanged}, which makes it an event.from delta.
 */
public final class XapiApi implements AutoCloseable {

    private final XapiServices services;
    private final XapiDispatcher dispatcher;
    private final ModelChangeEvents changeEvents;

    public XapiApi(PoolModel model, RrdStore rrd, ObjectRefs refs, EventLog events, TaskManager tasks,
                   FaultInjector faults, XapiServices.Credentials credentials) {
        SessionStore sessions = new SessionStore();
        MigrationService migrations = new MigrationService(model, refs, tasks, events, faults);
        VmRecords vmRecords = new VmRecords(model, refs, migrations);
        MessageLog messages = new MessageLog(model, events, refs);
        PoolObjects objects = new PoolObjects(model, refs, new HostRecords(model, refs), vmRecords,
                new VmGroupRecords(model, refs), new TaskRecords(refs), tasks, messages);
        this.services = new XapiServices(model, rrd, objects, sessions, tasks, migrations, events, faults,
                credentials, messages);
        this.changeEvents = new ModelChangeEvents(model, refs, events);

        for (XapiObjectClass objectClass : objects.all()) {
            for (String uuid : objectClass.uuids().get()) {
                events.add(objectClass.eventClass(), refs.ref(objectClass.name(), uuid));
            }
        }

        MethodTable table = new MethodTable();
        SessionMethods.register(table, services);
        HostMethods.register(table, services);
        VmMethods.register(table, services);
        VmPowerMethods.register(table, services);
        HostPowerMethods.register(table, services);
        EvacuationMethods.register(table, services);
        MessageMethods.register(table, services);
        PlacementMethods.register(table, services);
        TaskAndEventMethods.register(table, services);
        GenericMethods.register(table, objects);
        this.dispatcher = new XapiDispatcher(table, sessions);
    }

    /** Records a model change as the "mod" event of the XAPI object it touches. */
    public void modelChanged(ModelChange change) {
        changeEvents.record(change);
    }

    public XapiDispatcher dispatcher() {
        return dispatcher;
    }

    public XapiServices services() {
        return services;
    }

    @Override
    public void close() {
        services.migrations().close();
    }
}
