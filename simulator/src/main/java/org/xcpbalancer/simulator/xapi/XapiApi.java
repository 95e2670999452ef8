package org.xcpbalancer.simulator.xapi;

import org.xcpbalancer.simulator.fault.FaultInjector;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.xapi.event.EventLog;
import org.xcpbalancer.simulator.xapi.records.HostRecords;
import org.xcpbalancer.simulator.xapi.records.TaskRecords;
import org.xcpbalancer.simulator.xapi.records.VmRecords;
import org.xcpbalancer.simulator.xapi.task.MigrationService;
import org.xcpbalancer.simulator.xapi.task.TaskManager;

/**
 * The XAPI side of the simulator over one pool model: refs, records, sessions, tasks, migrations, events and the
 * method table, wired together. Model changes become event.from deltas.
 */
public final class XapiApi implements AutoCloseable {

    private final XapiServices services;
    private final XapiDispatcher dispatcher;

    public XapiApi(PoolModel model, FaultInjector faults, XapiServices.Credentials credentials, int deletedEventsKept) {
        ObjectRefs refs = new ObjectRefs();
        EventLog events = new EventLog(deletedEventsKept);
        SessionStore sessions = new SessionStore();
        TaskManager tasks = new TaskManager(refs, events, model.clock());
        MigrationService migrations = new MigrationService(model, refs, tasks, events, faults);
        VmRecords vmRecords = new VmRecords(model, refs, migrations);
        PoolObjects objects = new PoolObjects(model, refs, new HostRecords(model, refs), vmRecords,
                new TaskRecords(refs), tasks);
        this.services = new XapiServices(model, objects, sessions, tasks, migrations, events, faults, credentials);

        for (XapiObjectClass objectClass : objects.all()) {
            for (String uuid : objectClass.uuids().get()) {
                events.add(objectClass.eventClass(), refs.ref(objectClass.name(), uuid));
            }
        }
        model.addListener((eventClass, uuid) -> {
            XapiObjectClass objectClass = objects.byEventClass(eventClass);
            if (objectClass != null) {
                events.modify(objectClass.eventClass(), refs.ref(objectClass.name(), uuid));
            }
        });

        MethodTable table = new MethodTable();
        SessionMethods.register(table, services);
        HostMethods.register(table, services);
        VmMethods.register(table, services);
        TaskAndEventMethods.register(table, services);
        GenericMethods.register(table, objects);
        this.dispatcher = new XapiDispatcher(table, sessions);
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
