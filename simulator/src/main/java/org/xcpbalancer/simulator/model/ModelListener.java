package org.xcpbalancer.simulator.model;

/**
 * Told after every mutation of the model, outside the model's lock, so the XAPI side can produce event.from
 * deltas. {@code xapiClass} is an XAPI event class ("vm", "host", "host_metrics", "vm_metrics") and {@code uuid}
 * the uuid of that object: for "host_metrics" {@link SimHost#metricsUuid()}, for "vm_metrics"
 * {@link SimVm#metricsUuid()}.
 */
@FunctionalInterface
public interface ModelListener {
    void changed(String xapiClass, String uuid);
}
