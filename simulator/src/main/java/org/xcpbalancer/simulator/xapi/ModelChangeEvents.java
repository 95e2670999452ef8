package org.xcpbalancer.simulator.xapi;

import org.xcpbalancer.simulator.model.ModelChange;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.xapi.event.EventLog;

/**
 * Turns a change of the pool model into the event.from "mod" of the XAPI object it touches: a host's own fields
 * are its host record, its load is its host_metrics record, and likewise VM and VM_metrics. A new model subject
 * gets its XAPI class here.
 */
final class ModelChangeEvents {
    private final PoolModel model;
    private final ObjectRefs refs;
    private final EventLog events;

    ModelChangeEvents(PoolModel model, ObjectRefs refs, EventLog events) {
        this.model = model;
        this.refs = refs;
        this.events = events;
    }

    void record(ModelChange change) {
        String uuid = change.uuid();
        switch (change.subject()) {
            case HOST -> modify(XapiClassNames.HOST, uuid);
            case HOST_LOAD -> modify(XapiClassNames.HOST_METRICS, model.host(uuid).metricsUuid());
            case VM -> modify(XapiClassNames.VM, uuid);
            case VM_LOAD -> modify(XapiClassNames.VM_METRICS, model.vm(uuid).metricsUuid());
            case POOL -> modify(XapiClassNames.POOL, uuid);
            case VM_GROUP_CREATED -> events.add(XapiObjectClass.eventClassOf(XapiClassNames.VM_GROUP),
                    refs.ref(XapiClassNames.VM_GROUP, uuid));
            case VM_GROUP -> modify(XapiClassNames.VM_GROUP, uuid);
            case VM_GROUP_DESTROYED -> events.delete(XapiObjectClass.eventClassOf(XapiClassNames.VM_GROUP),
                    refs.ref(XapiClassNames.VM_GROUP, uuid));
            case GUEST_AGENT_STARTED -> events.add(XapiObjectClass.eventClassOf(XapiClassNames.VM_GUEST_METRICS),
                    refs.ref(XapiClassNames.VM_GUEST_METRICS, model.vm(uuid).guestMetricsUuid()));
            case GUEST_AGENT -> modify(XapiClassNames.VM_GUEST_METRICS, model.vm(uuid).guestMetricsUuid());
            case GUEST_AGENT_STOPPED -> events.delete(XapiObjectClass.eventClassOf(XapiClassNames.VM_GUEST_METRICS),
                    refs.ref(XapiClassNames.VM_GUEST_METRICS, model.vm(uuid).guestMetricsUuid()));
            default -> throw new IllegalArgumentException("no XAPI class for " + change.subject());
        }
    }

    private void modify(String xapiClass, String uuid) {
        events.modify(XapiObjectClass.eventClassOf(xapiClass), refs.ref(xapiClass, uuid));
    }
}
