package org.xcpbalancer.simulator.xapi;

import java.util.Map;

/** The operations running on a VM (VM.current_operations: task ref -> operation), kept by the migration service. */
@FunctionalInterface
public interface VmOperationsView {

    Map<String, String> currentOperations(String vmUuid);
}
