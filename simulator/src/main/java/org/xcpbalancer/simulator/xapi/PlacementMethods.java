package org.xcpbalancer.simulator.xapi;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xcpbalancer.simulator.model.PlacementModel;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.model.SimVmGroup;

/**
 * The calls that change where VMs may run: VM and host tags (add_tags, remove_tags, set_tags), VM.set_affinity,
 * VM.set_groups and VM_group.create / destroy (ocaml/xapi/xapi_vm.ml, xapi_vm_group.ml). The getters (get_tags,
 * get_affinity, get_groups, VM_group.get_VMs, get_placement, ...) come from the records.
 */
final class PlacementMethods {
    private PlacementMethods() {
    }

    static void register(MethodTable table, XapiServices services) {
        PlacementModel placement = services.model().placement();
        table.add("VM.add_tags", 2, c -> {
            SimVm vm = HostMethods.vm(c, services);
            placement.setVmTags(vm, added(vm.tags(), c.stringArg(1)));
            return "";
        });
        table.add("VM.remove_tags", 2, c -> {
            SimVm vm = HostMethods.vm(c, services);
            placement.setVmTags(vm, removed(vm.tags(), c.stringArg(1)));
            return "";
        });
        table.add("VM.set_tags", 2, c -> {
            placement.setVmTags(HostMethods.vm(c, services), strings(c, 1));
            return "";
        });
        table.add("host.add_tags", 2, c -> {
            SimHost host = HostMethods.host(c, services);
            placement.setHostTags(host, added(host.tags(), c.stringArg(1)));
            return "";
        });
        table.add("host.remove_tags", 2, c -> {
            SimHost host = HostMethods.host(c, services);
            placement.setHostTags(host, removed(host.tags(), c.stringArg(1)));
            return "";
        });
        table.add("host.set_tags", 2, c -> {
            placement.setHostTags(HostMethods.host(c, services), strings(c, 1));
            return "";
        });
        table.add("VM.set_affinity", 2, c -> {
            SimVm vm = HostMethods.vm(c, services);
            boolean none = ObjectRefs.NULL_REF.equals(c.arg(1)) || "".equals(c.arg(1));
            placement.setAffinity(vm, none ? null : HostMethods.host(c, 1, services));
            return "";
        });
        if (services.model().options().vmGroups()) {
            registerGroups(table, services, placement);
        }
    }

    /** VM.set_groups and VM_group.create / destroy: XAPI 24.x only. */
    private static void registerGroups(MethodTable table, XapiServices services, PlacementModel placement) {
        table.add("VM.set_groups", 2, c -> {
            SimVm vm = HostMethods.vm(c, services);
            List<SimVmGroup> groups = new ArrayList<>();
            for (Object ref : c.listArg(1)) {
                groups.add(placement.group(services.objects().requireUuid(XapiClassNames.VM_GROUP, ref)));
            }
            if (!vm.isGuest()) {
                throw new XapiException(XapiErrorCodes.OPERATION_NOT_ALLOWED,
                        "Control domains, templates, and snapshots cannot be added to VM groups.");
            }
            if (new LinkedHashSet<>(groups).size() > 1) {
                throw new XapiException(XapiErrorCodes.TOO_MANY_GROUPS);
            }
            placement.setVmGroups(vm, List.copyOf(new LinkedHashSet<>(groups)));
            return "";
        });
        table.add("VM_group.create", 1, c -> {
            Map<?, ?> args = c.mapArg(0);
            String placementPolicy = field(args, "placement", SimVmGroup.NORMAL);
            if (!placementPolicy.equals(SimVmGroup.ANTI_AFFINITY) && !placementPolicy.equals(SimVmGroup.NORMAL)) {
                throw new XapiException(XapiErrorCodes.FIELD_TYPE_ERROR, "placement");
            }
            SimVmGroup group = placement.createGroup(field(args, "name_label", null),
                    field(args, "name_description", ""), placementPolicy);
            return services.objects().ref(XapiClassNames.VM_GROUP, group.uuid());
        });
        table.add("VM_group.destroy", 1, c -> {
            placement.destroyGroup(placement.group(services.objects().requireUuid(XapiClassNames.VM_GROUP, c.arg(0))));
            return "";
        });
    }

    /** A field of a constructor's record; a missing one without a default is FIELD_TYPE_ERROR [field]. */
    private static String field(Map<?, ?> args, String name, String defaultValue) throws XapiException {
        Object value = args.get(name);
        if (value == null && defaultValue != null) {
            return defaultValue;
        }
        if (!(value instanceof String text)) {
            throw new XapiException(XapiErrorCodes.FIELD_TYPE_ERROR, name);
        }
        return text;
    }

    private static List<String> strings(CallContext c, int index) throws XapiException {
        List<String> result = new ArrayList<>();
        for (Object value : c.listArg(index)) {
            if (!(value instanceof String text)) {
                throw new XapiException(XapiErrorCodes.FIELD_TYPE_ERROR, "value");
            }
            result.add(text);
        }
        return List.copyOf(new LinkedHashSet<>(result));
    }

    /** XAPI sets: adding a present tag or removing an absent one changes nothing. */
    private static List<String> added(List<String> tags, String tag) {
        Set<String> result = new LinkedHashSet<>(tags);
        result.add(tag);
        return List.copyOf(result);
    }

    private static List<String> removed(List<String> tags, String tag) {
        List<String> result = new ArrayList<>(tags);
        result.remove(tag);
        return result;
    }
}
