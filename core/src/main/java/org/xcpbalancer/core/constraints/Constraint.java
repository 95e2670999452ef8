package org.xcpbalancer.core.constraints;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One placement constraint of a pool, as read from XAPI's VM_groups and the xcp-balancer tags.
 *
 * @param kind      what it asks
 * @param id        stable identity, e.g. "anti-affinity:tag:web", "run-on:VM-UUID" (decisions and JSON use it)
 * @param name      what people call it: the group's or tag's name, or the VM's name for run-on and prefer
 * @param origin    where it comes from: "VM_group", "tag" or, for a preference, "tag" and/or "VM.affinity"
 * @param vmUuids   the VMs it binds (running or not), sorted
 * @param labels    run-on: every label the host must carry; prefer: labels of which the host should carry one
 * @param homeHostUuid prefer only: XAPI's VM.affinity, the VM's home host, or null
 */
public record Constraint(Kind kind, String id, String name, String origin, List<String> vmUuids, Set<String> labels,
        String homeHostUuid) {

    /** The four constraints; must-rules are never broken by a move, should-rules are only preferred. */
    public enum Kind {
        /** Members run on different hosts (XAPI VM_group placement anti_affinity, or the anti-affinity tag). */
        ANTI_AFFINITY("anti-affinity", true),
        /** Members run on one host together (affinity tag). */
        AFFINITY("affinity", true),
        /** The VM runs only on hosts with every run-on label. */
        RUN_ON("run-on", true),
        /** The VM should run on a host with a prefer label, or on its home host (VM.affinity). */
        PREFER("prefer", false);

        private final String word;
        private final boolean must;

        Kind(String word, boolean must) {
            this.word = word;
            this.must = must;
        }

        /** "anti-affinity", "run-on": as in the tags and in decisions. */
        public String word() {
            return word;
        }

        public boolean must() {
            return must;
        }
    }

    public Constraint {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(id);
        vmUuids = List.copyOf(vmUuids);
        labels = Set.copyOf(labels);
    }

    /** "anti-affinity group 'web' (tag)", "run-on ssd for Db": the constraint in one phrase. */
    public String title() {
        return switch (kind) {
            case ANTI_AFFINITY -> "anti-affinity group '" + name + "' (" + origin + ")";
            case AFFINITY -> "affinity group '" + name + "'";
            case RUN_ON -> "run-on " + String.join("+", labels.stream().sorted().toList()) + " for " + name;
            case PREFER -> "preference of " + name + " for " + preferenceText();
        };
    }

    private String preferenceText() {
        String labelText = labels.isEmpty() ? "" : "label " + String.join(" or ", labels.stream().sorted().toList());
        String home = homeHostUuid == null ? "" : "its home host (VM.affinity)";
        return labelText.isEmpty() ? home : home.isEmpty() ? labelText : labelText + " or " + home;
    }
}
