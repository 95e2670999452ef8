package org.xcpbalancer.manager.status;

import java.util.List;
import java.util.stream.Collectors;
import org.xcpbalancer.manager.format.Ages;
import org.xcpbalancer.manager.status.NagiosCheck.State;

/**
 * xcp-guard's part of xcp-status, by what an on-call administrator must do about it: a protected VM the guard
 * gave up on, or a host dead without proof it is off (its VMs wait for a fence or CONFIRM HOST DOWN), is
 * CRITICAL; a host suspected, a host fenced or confirmed down (capacity lost until it is repaired) or a protected
 * VM down while the ladder works on it is WARNING. A pool the guard never checked is judged without this part.
 */
final class GuardCheck {
    private GuardCheck() {
    }

    /** Adds what is to be said to {@code said} and the guard's perfdata to {@code perfdata}; the state it warrants. */
    static State judge(GuardStatus guard, List<String> said, List<String> perfdata, String prefix) {
        if (!guard.guarded()) {
            return State.OK;
        }
        State state = State.OK;
        if (guard.standsDownForHa()) {
            said.add("guard stands down (XAPI HA on)");
        }
        List<GuardStatus.Host> unproven = guard.hostsDown().stream()
                .filter(h -> h.state().equals("dead") || h.state().equals("fence_failed")).toList();
        List<GuardStatus.Host> off = guard.hostsDown().stream().filter(h -> !unproven.contains(h)).toList();
        if (!unproven.isEmpty()) {
            said.add("host(s) dead, not proven off: " + names(unproven.stream().map(h -> h.name() + " ("
                    + h.state() + ")").toList()));
            state = state.worst(State.CRITICAL);
        }
        if (!off.isEmpty()) {
            said.add("host(s) down: " + names(off.stream().map(h -> h.name() + " (" + h.state() + ")").toList()));
            state = state.worst(State.WARNING);
        }
        if (!guard.hostsSuspected().isEmpty()) {
            said.add("host(s) suspected: " + names(guard.hostsSuspected().stream().map(GuardStatus.Host::name).toList()));
            state = state.worst(State.WARNING);
        }
        List<GuardStatus.Vm> givenUp = guard.vmsGivenUp();
        if (!givenUp.isEmpty()) {
            said.add("guard gave up on " + names(givenUp.stream().map(GuardStatus.Vm::name).toList()));
            state = state.worst(State.CRITICAL);
        }
        List<GuardStatus.Vm> climbing = guard.vmsDown().stream().filter(v -> !v.givenUp()).toList();
        if (!climbing.isEmpty()) {
            said.add("protected VM(s) down: " + names(climbing.stream().map(GuardStatus.Vm::name).toList()));
            state = state.worst(State.WARNING);
        }
        said.add("guard checked " + Ages.describe(guard.checkAge().get()) + " ago");
        perfdata.add(prefix + "guard_hosts_down=" + guard.hostsDown().size() + ";;;0");
        perfdata.add(prefix + "guard_hosts_suspected=" + guard.hostsSuspected().size() + ";;;0");
        perfdata.add(prefix + "guard_vms_down=" + guard.vmsDown().size() + ";;;0");
        perfdata.add(prefix + "guard_vms_given_up=" + givenUp.size() + ";;;0");
        return state;
    }

    private static String names(List<String> names) {
        return names.stream().collect(Collectors.joining(", "));
    }
}
