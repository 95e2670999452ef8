package org.xcpbalancer.simulator.xapi;

import org.xcpbalancer.simulator.fault.FaultInjector;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.rrd.RrdStore;
import org.xcpbalancer.simulator.xapi.event.EventLog;
import org.xcpbalancer.simulator.xapi.task.MigrationService;
import org.xcpbalancer.simulator.xapi.task.TaskManager;

/** Everything the XAPI method implementations work on. */
public record XapiServices(PoolModel model, RrdStore rrd, PoolObjects objects, SessionStore sessions,
                           TaskManager tasks, MigrationService migrations, EventLog events, FaultInjector faults,
                           Credentials credentials, MessageLog messages) {

    /** The one local superuser a pool without external authentication accepts. */
    public record Credentials(String userName, String password) {
        @Override
        public String toString() {
            return "Credentials[userName=" + userName + ", password=***]";
        }
    }

    public ObjectRefs refs() {
        return objects.refs();
    }
}
