package org.xcpbalancer.simulator.xapi.records;

import static org.xcpbalancer.simulator.xapi.records.RecordValues.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.model.SimVmGroup;
import org.xcpbalancer.simulator.xapi.ObjectRefs;
import org.xcpbalancer.simulator.xapi.XapiClassNames;

/** VM_group records (ocaml/idl/datamodel_vm_group.ml): uuid, name_label, name_description, placement, VMs. */
public final class VmGroupRecords {
    private final PoolModel model;
    private final ObjectRefs refs;

    public VmGroupRecords(PoolModel model, ObjectRefs refs) {
        this.model = model;
        this.refs = refs;
    }

    public Map<String, Object> group(SimVmGroup group) {
        List<Object> members = new ArrayList<>();
        for (SimVm vm : model.placement().members(group)) {
            members.add(refs.ref(XapiClassNames.VM, vm.uuid()));
        }
        return groupRecord(group.uuid(), group.name(), group.description(), group.placement(), members);
    }

    /** The field list of a group that does not exist: a pool may start without groups and still serve get_*. */
    public Map<String, Object> sample() {
        return groupRecord("", "", "", SimVmGroup.NORMAL, new ArrayList<>());
    }

    private static Map<String, Object> groupRecord(String uuid, String name, String description, String placement,
            List<Object> members) {
        Map<String, Object> r = record(5);
        r.put("uuid", uuid);
        r.put("name_label", name);
        r.put("name_description", description);
        r.put("placement", placement);
        r.put("VMs", members);
        return r;
    }
}
