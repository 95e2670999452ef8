package org.xcpbalancer.manager.commands;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.core.state.HostMaintenance;

/** A host's maintenance in the listings: a short state for tables, lines for SHOW HOST, and JSON. */
final class MaintenanceText {
    private MaintenanceText() {
    }

    /** "maintenance: empty", "maintenance: blocked (1 VM)" for the STATE column of SHOW HOSTS FULL. */
    static String cell(HostMaintenance m) {
        String what = m.disabledBy() == HostMaintenance.DisabledBy.DENSITY ? "density" : "maintenance";
        return what + ": " + m.state().dbValue() + (m.leftVms().isEmpty() ? "" : " (" + m.leftVms().size() + " VM"
                + (m.leftVms().size() == 1 ? "" : "s") + " left)");
    }

    /** The lines SHOW HOST adds for a host in maintenance, in its "Label - value" style. */
    static List<String> lines(HostMaintenance m) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("Maintenance - " + m.state().dbValue() + ", disabled by " + m.disabledBy().dbValue() + " (requested by "
                + m.requestedBy() + " at " + ShowMigrationsCommand.WHEN.format(m.requestedAt()) + " UTC"
                + m.reason().map(r -> ": " + r).orElse("") + ")");
        m.status().ifPresent(s -> lines.add("Maintenance Status - " + s));
        for (HostMaintenance.LeftVm vm : m.leftVms()) {
            lines.add("Maintenance Left VM - " + vm.vmName() + ": " + vm.reason());
        }
        return lines;
    }

    static Map<String, Object> json(HostMaintenance m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("hostUuid", m.hostUuid());
        json.put("hostName", m.hostName());
        json.put("state", m.state().dbValue());
        json.put("disabledBy", m.disabledBy().dbValue());
        json.put("reason", m.reason().orElse(null));
        json.put("requestedBy", m.requestedBy());
        json.put("requestedAt", m.requestedAt().toString());
        json.put("disabledAt", m.disabledAt().map(Instant::toString).orElse(null));
        json.put("status", m.status().orElse(null));
        json.put("leftVms", m.leftVms().stream().map(v -> Map.of("uuid", v.vmUuid(), "name", v.vmName() == null ? "" : v.vmName(),
                "reason", v.reason())).toList());
        return json;
    }
}
