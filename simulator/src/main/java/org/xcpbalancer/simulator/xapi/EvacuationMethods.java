package org.xcpbalancer.simulator.xapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;

/**
 * host.get_vms_which_prevent_evacuation, host.assert_can_evacuate and host.evacuate over {@link HostEvacuation}'s
 * plan, as xapi_host.ml answers them.
 */
final class EvacuationMethods {

    private EvacuationMethods() {
    }

    static void register(MethodTable table, XapiServices services) {
        table.add("host.get_vms_which_prevent_evacuation", 1, context -> {
            HostEvacuation.Plan plan = HostEvacuation.compute(services, HostMethods.host(context, services));
            Map<String, Object> result = new LinkedHashMap<>();
            plan.errors().forEach((vm, error) -> result.put(ref(services, vm), new ArrayList<Object>(error)));
            return result;
        });
        table.add("host.assert_can_evacuate", 1, context -> {
            HostEvacuation.Plan plan = HostEvacuation.compute(services, HostMethods.host(context, services));
            if (!plan.errors().isEmpty()) {
                List<String> errors = new ArrayList<>();
                plan.errors().values().forEach(error -> errors.add(String.join(",", error)));
                throw new XapiException(XapiErrorCodes.CANNOT_EVACUATE_HOST, String.join("|", errors));
            }
            return "";
        });
        table.add("host.evacuate", 1, context -> {
            SimHost host = HostMethods.host(context, services);
            HostEvacuation.Plan plan = HostEvacuation.compute(services, host);
            if (!plan.errors().isEmpty()) {
                throw XapiException.of(plan.errors().values().iterator().next());
            }
            // xapi migrates in batches (Async.VM.pool_migrate, live); one after the other here.
            for (Map.Entry<SimVm, SimHost> move : plan.moves().entrySet()) {
                try {
                    services.migrations().migrate(ref(services, move.getKey()),
                            services.refs().ref(XapiClassNames.HOST, move.getValue().uuid()),
                            services.model().master().uuid());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new XapiException(XapiErrorCodes.INTERNAL_ERROR, "interrupted");
                }
            }
            return "";
        });
    }

    private static String ref(XapiServices services, SimVm vm) {
        return services.refs().ref(XapiClassNames.VM, vm.uuid());
    }
}
