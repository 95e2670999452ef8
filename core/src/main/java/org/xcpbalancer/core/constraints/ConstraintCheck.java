package org.xcpbalancer.core.constraints;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Judges constraints against a placement of the VMs: the collected one (the console) or one predicted after
 * planned moves (the controller). Only running VMs count: a halted member breaks no group.
 */
public final class ConstraintCheck {
    private final ConstraintModel model;
    private final Function<String, String> hostOfVm;
    private final Function<String, String> vmName;
    private final Function<String, String> hostName;

    /**
     * @param hostOfVm the host uuid each VM runs on, null when it does not run
     * @param vmName   a VM's name for the texts (uuid when unknown)
     * @param hostName a host's name for the texts
     */
    public ConstraintCheck(ConstraintModel model, Function<String, String> hostOfVm, Function<String, String> vmName,
            Function<String, String> hostName) {
        this.model = model;
        this.hostOfVm = hostOfVm;
        this.vmName = vmName;
        this.hostName = hostName;
    }

    public List<ConstraintStatus> all() {
        List<ConstraintStatus> result = new ArrayList<>();
        for (Constraint c : model.constraints()) {
            result.add(status(c));
        }
        return result;
    }

    public ConstraintStatus status(Constraint c) {
        return switch (c.kind()) {
            case ANTI_AFFINITY -> antiAffinity(c);
            case AFFINITY -> affinity(c);
            case RUN_ON -> single(c, model.allows(c.vmUuids().get(0), hostOfVm.apply(c.vmUuids().get(0))),
                    "carries not every label of " + String.join(", ", c.labels().stream().sorted().toList()));
            case PREFER -> single(c, model.prefers(c.vmUuids().get(0), hostOfVm.apply(c.vmUuids().get(0))),
                    "is not a preferred host");
        };
    }

    /** Running members per host uuid, hosts in order of first member (members sorted by uuid). */
    public Map<String, List<String>> membersByHost(Constraint c) {
        Map<String, List<String>> byHost = new LinkedHashMap<>();
        for (String vm : c.vmUuids()) {
            String host = hostOfVm.apply(vm);
            if (host != null) {
                byHost.computeIfAbsent(host, k -> new ArrayList<>()).add(vm);
            }
        }
        return byHost;
    }

    private ConstraintStatus antiAffinity(Constraint c) {
        List<String> violating = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        membersByHost(c).forEach((host, members) -> {
            if (members.size() > 1) {
                violating.addAll(members);
                phrases.add(names(members) + " share " + hostName.apply(host));
            }
        });
        return new ConstraintStatus(c, violating.isEmpty(), violating,
                violating.isEmpty() ? "every running member on its own host" : String.join("; ", phrases));
    }

    private ConstraintStatus affinity(Constraint c) {
        Map<String, List<String>> byHost = membersByHost(c);
        if (byHost.size() <= 1) {
            return new ConstraintStatus(c, true, List.of(), byHost.isEmpty() ? "no member running"
                    : "every running member on " + hostName.apply(byHost.keySet().iterator().next()));
        }
        String main = mainHost(byHost);
        List<String> violating = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        byHost.forEach((host, members) -> {
            if (!host.equals(main)) {
                violating.addAll(members);
            }
            phrases.add(names(members) + " on " + hostName.apply(host));
        });
        return new ConstraintStatus(c, false, violating, "split: " + String.join("; ", phrases));
    }

    /** The host most running members of the group are on (ties: the host name first in order). */
    public String mainHost(Map<String, List<String>> byHost) {
        return byHost.entrySet().stream()
                .max(Comparator.comparingInt((Map.Entry<String, List<String>> e) -> e.getValue().size())
                        .thenComparing(e -> hostName.apply(e.getKey()), Comparator.nullsFirst(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse(null);
    }

    private ConstraintStatus single(Constraint c, boolean holds, String brokenText) {
        String vm = c.vmUuids().get(0);
        String host = hostOfVm.apply(vm);
        if (host == null) {
            return new ConstraintStatus(c, true, List.of(), vmName.apply(vm) + " is not running");
        }
        return holds ? new ConstraintStatus(c, true, List.of(), vmName.apply(vm) + " runs on " + hostName.apply(host))
                : new ConstraintStatus(c, false, List.of(vm), vmName.apply(vm) + " runs on " + hostName.apply(host)
                        + ", which " + brokenText);
    }

    private String names(List<String> vms) {
        return String.join(", ", vms.stream().map(vmName).sorted().toList());
    }
}
