package org.xcpbalancer.simulator.xapi;

import java.time.Duration;
import java.util.Map;
import org.xcpbalancer.simulator.model.NotEnoughFreeMemoryException;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.scenario.PowerState;

/**
 * VM.start, start_on, clean_shutdown, hard_shutdown, hard_reboot, pause, unpause and power_state_reset as xapi's
 * message_forwarding.ml and xapi_vm.ml run them, with the messages xapi writes (VM_STARTED, VM_SHUTDOWN,
 * VM_REBOOTED, VM_PAUSED, VM_UNPAUSED). The operations are instant; VM.start then waits the VM's start_delay, as
 * xapi does.
 */
final class VmPowerMethods {
    private static final long MESSAGE_PRIORITY = 5;

    private VmPowerMethods() {
    }

    static void register(MethodTable table, XapiServices services) {
        VmPowerChecks checks = new VmPowerChecks(services);
        table.add("VM.start", 3, context -> {
            SimVm vm = HostMethods.vm(context, services);
            checks.checkOperation(vm, "start", PowerState.HALTED);
            start(services, checks, vm, checks.chooseHost(vm));
            return "";
        });
        table.add("VM.start_on", 4, context -> {
            SimVm vm = HostMethods.vm(context, services);
            SimHost host = HostMethods.host(context, 1, services);
            checks.checkOperation(vm, "start_on", PowerState.HALTED);
            start(services, checks, vm, host);
            return "";
        });
        onItsHost(table, services, checks, "clean_shutdown", services.model().power()::haltVm, "VM_SHUTDOWN",
                "VM '%s' (uuid: %s) shutdown", PowerState.RUNNING);
        onItsHost(table, services, checks, "hard_shutdown", vm -> {
            cancelMigration(services, vm);
            services.model().power().haltVm(vm);
        }, "VM_SHUTDOWN", "VM '%s' (uuid: %s) shutdown forcibly", PowerState.PAUSED, PowerState.SUSPENDED,
                PowerState.RUNNING);
        onItsHost(table, services, checks, "hard_reboot", vm -> {
            cancelMigration(services, vm);
            services.model().power().rebootVm(vm);
        }, "VM_REBOOTED", "VM '%s' (uuid: %s) rebooted forcibly", PowerState.PAUSED, PowerState.RUNNING);
        // message_forwarding.ml pause/unpause: forwarded to the VM's host, then VM_PAUSED / VM_UNPAUSED (priority 5)
        onItsHost(table, services, checks, "pause", services.model().power()::pauseVm, "VM_PAUSED",
                "VM '%s' (uuid: %s) paused", PowerState.RUNNING);
        onItsHost(table, services, checks, "unpause", services.model().power()::unpauseVm, "VM_UNPAUSED",
                "VM '%s' (uuid: %s) unpaused", PowerState.PAUSED);
        table.add("VM.power_state_reset", 1, context -> {
            SimVm vm = HostMethods.vm(context, services);
            powerStateReset(services, vm);
            return "";
        });
    }

    /**
     * VM.{@code operation}(vm): checked for the power states {@code allowed}, forwarded to the VM's host (which must
     * answer), {@code change} made, then the message xapi writes. hard_shutdown and hard_reboot first cancel a
     * migration in flight (message_forwarding.ml cancel).
     */
    private static void onItsHost(MethodTable table, XapiServices services, VmPowerChecks checks, String operation,
            VmChange change, String messageName, String messageFormat, PowerState... allowed) {
        table.add("VM." + operation, 1, context -> {
            SimVm vm = HostMethods.vm(context, services);
            checks.checkOperation(vm, operation, allowed);
            checks.requireHostReachable(vm.residentOn());
            change.apply(vm);
            message(services, vm, messageName, messageFormat);
            return "";
        });
    }

    /** What a power operation does to the VM once xapi's checks passed. */
    @FunctionalInterface
    private interface VmChange {
        void apply(SimVm vm) throws XapiException;
    }

    private static void start(XapiServices services, VmPowerChecks checks, SimVm vm, SimHost host)
            throws XapiException {
        checks.assertCanBootHere(vm, host);
        checks.requireHostReachable(host);
        try {
            services.model().power().startVm(vm, host);
        } catch (NotEnoughFreeMemoryException e) {
            throw new XapiException(XapiErrorCodes.HOST_NOT_ENOUGH_FREE_MEMORY, Long.toString(e.neededBytes()),
                    Long.toString(e.availableBytes()));
        }
        services.messages().create("VM_STARTED", MESSAGE_PRIORITY, "VM", vm.uuid(),
                String.format("VM '%s' (uuid: %s) started on host: %s (uuid: %s)", vm.name(), vm.uuid(), host.name(),
                        host.uuid()));
        if (vm.startDelaySeconds() > 0) {
            try {
                services.model().clock().sleep(Duration.ofSeconds(vm.startDelaySeconds()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * xapi_vm.ml power_state_reset: never a control domain; a Running or Paused VM only when its domain cannot be
     * running: not on the master (whose domain would exist) and on a host the master cannot reach.
     */
    private static void powerStateReset(XapiServices services, SimVm vm) throws XapiException {
        String vmRef = services.refs().ref(XapiClassNames.VM, vm.uuid());
        if (vm.isControlDomain()) {
            throw new XapiException(XapiErrorCodes.CANNOT_RESET_CONTROL_DOMAIN, vmRef);
        }
        SimHost host = vm.residentOn();
        boolean live = vm.powerState() == PowerState.RUNNING || vm.powerState() == PowerState.PAUSED;
        if (live && host != null) {
            if (host.isMaster()) {
                throw new XapiException(XapiErrorCodes.DOMAIN_EXISTS, vmRef);
            }
            if (host.live() && host.reachable()) {
                throw new XapiException(XapiErrorCodes.HOST_IS_LIVE, services.refs().ref(XapiClassNames.HOST, host.uuid()));
            }
        }
        services.model().power().haltVm(vm);
    }

    /** hard_shutdown and hard_reboot cancel a migration in flight (message_forwarding.ml cancel). */
    private static void cancelMigration(XapiServices services, SimVm vm) throws XapiException {
        for (Map.Entry<String, String> operation : services.migrations().currentOperations(vm.uuid()).entrySet()) {
            if (operation.getValue().equals("pool_migrate")) {
                services.tasks().cancel(services.tasks().require(operation.getKey()));
            }
        }
    }

    private static void message(XapiServices services, SimVm vm, String name, String format) {
        services.messages().create(name, MESSAGE_PRIORITY, "VM", vm.uuid(), String.format(format, vm.name(), vm.uuid()));
    }
}
