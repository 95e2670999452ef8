package org.xcpbalancer.simulator.xapi;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xcpbalancer.simulator.model.HostPower;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.scenario.PowerState;

/**
 * host.disable, enable, shutdown, power_on and set_power_on_mode as xapi_host.ml, xapi_host_helpers.ml
 * (valid_operations) and message_forwarding.ml run them. A shutdown or boot takes the scenario's
 * hostShutdownSeconds / hostBootSeconds of pool time.
 */
final class HostPowerMethods {

    private HostPowerMethods() {
    }

    static void register(MethodTable table, XapiServices services) {
        table.add("host.disable", 1, context -> {
            SimHost host = HostMethods.host(context, services);
            if (services.model().placement().disableBreaksHaPlan(host)) {
                throw new XapiException(XapiErrorCodes.HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN);
            }
            HostMethods.requireLive(services, host);
            services.model().setHostEnabled(host, false);
            return "";
        });
        table.add("host.enable", 1, context -> {
            SimHost host = HostMethods.host(context, services);
            HostMethods.requireLive(services, host);
            services.model().setHostEnabled(host, true);
            return "";
        });
        table.add("host.shutdown", 1, context -> {
            SimHost host = HostMethods.host(context, services);
            String hostRef = services.refs().ref(XapiClassNames.HOST, host.uuid());
            if (host.enabled()) {
                throw new XapiException(XapiErrorCodes.HOST_NOT_DISABLED);
            }
            HostMethods.requireLive(services, host);
            for (SimVm vm : services.model().residentVms(host)) {
                if (vm.isGuest() && vm.powerState() == PowerState.RUNNING) {
                    throw new XapiException(XapiErrorCodes.HOST_IN_USE, hostRef, "vm",
                            services.refs().ref(XapiClassNames.VM, vm.uuid()));
                }
            }
            services.model().power().shutDownHost(host);
            return "";
        });
        table.add("host.power_on", 1, context -> {
            SimHost host = HostMethods.host(context, services);
            if (host.live()) {
                throw new XapiException(XapiErrorCodes.HOST_IS_LIVE, services.refs().ref(XapiClassNames.HOST, host.uuid()));
            }
            if (host.powerOnMode().isEmpty()) {
                throw new XapiException(XapiErrorCodes.HOST_POWER_ON_MODE_DISABLED);
            }
            // The plugin (wake-on-lan, IPMI, ...) powers the machine on; one that runs already is left alone.
            if (host.power() == HostPower.OFF || host.power() == HostPower.CRASHED
                    || host.power() == HostPower.SHUTTING_DOWN) {
                services.model().power().powerOnHost(host);
            }
            return "";
        });
        table.add("host.set_power_on_mode", 3, context -> {
            SimHost host = HostMethods.host(context, services);
            String mode = context.stringArg(1);
            Map<String, String> config = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : context.mapArg(2).entrySet()) {
                config.put(String.valueOf(entry.getKey()), String.valueOf(entry.getValue()));
            }
            services.model().power().setPowerOnMode(host, mode, config);
            return "";
        });
    }
}
