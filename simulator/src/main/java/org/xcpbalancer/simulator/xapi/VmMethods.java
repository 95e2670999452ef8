package org.xcpbalancer.simulator.xapi;

import java.util.Locale;
import org.xcpbalancer.simulator.scenario.PowerState;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.xapi.task.SimTask;

/** VM.* methods beyond the generic getters: data sources, assert_can_boot_here and (Async.)VM.pool_migrate. */
final class VmMethods {

    private VmMethods() {
    }

    static void register(MethodTable table, XapiServices services) {
        table.add("VM.query_data_source", 2, context -> {
            SimVm vm = HostMethods.vm(context, services);
            requireRunningOrPaused(services, vm);
            return HostMethods.queryDataSource(services, vm.uuid(), context.stringArg(1));
        });
        table.add("VM.get_data_sources", 1, context -> {
            SimVm vm = HostMethods.vm(context, services);
            return HostMethods.dataSources(services, vm.uuid());
        });
        table.add("VM.assert_can_boot_here", 2, context -> {
            SimVm vm = HostMethods.vm(context, services);
            SimHost host = HostMethods.host(context, 1, services);
            assertCanBootHere(services, vm, host);
            return "";
        });
        table.add("VM.pool_migrate", 3, context -> {
            context.mapArg(2);
            try {
                services.migrations().migrate(context.arg(0), context.arg(1), services.model().master().uuid());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new XapiException(XapiErrorCodes.INTERNAL_ERROR, "interrupted");
            }
            return "";
        });
        table.add("Async.VM.pool_migrate", 3, context -> {
            context.mapArg(2);
            SimTask task = services.migrations().startAsync(context.arg(0), context.arg(1),
                    services.model().master().uuid());
            return task.ref();
        });
    }

    private static void requireRunningOrPaused(XapiServices services, SimVm vm) throws XapiException {
        PowerState state = vm.powerState();
        if (state != PowerState.RUNNING && state != PowerState.PAUSED) {
            throw new XapiException(XapiErrorCodes.VM_BAD_POWER_STATE, services.refs().ref(XapiClassNames.VM, vm.uuid()),
                    "running;paused", state.xapiName().toLowerCase(Locale.ROOT));
        }
    }

    /** The checks xapi makes before starting a VM on a host: the host is up and enabled and the VM fits. */
    private static void assertCanBootHere(XapiServices services, SimVm vm, SimHost host) throws XapiException {
        String hostRef = services.refs().ref(XapiClassNames.HOST, host.uuid());
        if (vm.isTemplate() || vm.isSnapshot()) {
            throw new XapiException(XapiErrorCodes.VM_IS_TEMPLATE, services.refs().ref(XapiClassNames.VM, vm.uuid()));
        }
        if (!host.live()) {
            throw new XapiException(XapiErrorCodes.HOST_OFFLINE, hostRef);
        }
        if (!host.enabled()) {
            throw new XapiException(XapiErrorCodes.HOST_DISABLED, hostRef);
        }
        if (vm.residentOn() == host) {
            return; // already counted in the host's memory
        }
        long free = services.model().hostFreeMemoryBytes(host);
        if (vm.memoryBytes() > free) {
            throw new XapiException(XapiErrorCodes.HOST_NOT_ENOUGH_FREE_MEMORY, Long.toString(vm.memoryBytes()),
                    Long.toString(free));
        }
    }
}
