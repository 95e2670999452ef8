package org.xcpbalancer.manager.commands;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.xcpbalancer.core.cli.InputEcho;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.VmState;
import org.xcpbalancer.manager.console.ConsoleInputException;

/**
 * Finds a host or VM as an administrator names it: full uuid, exact name, name in any case, or a unique uuid
 * prefix. Unknown and ambiguous names are one line each, saying what to type instead.
 */
final class PoolLookup {
    private static final int MIN_UUID_PREFIX = 4;

    private PoolLookup() {
    }

    static HostState host(PoolState state, String key) {
        return find(state.hosts(), key, HostState::uuid, HostState::name, "host", state.pool().name(), "SHOW HOSTS");
    }

    static VmState vm(PoolState state, String key) {
        return find(state.vms(), key, VmState::uuid, VmState::name, "VM", state.pool().name(), "SHOW VMS");
    }

    private static <T> T find(List<T> items, String key, Function<T, String> uuid, Function<T, String> name,
            String kind, String poolName, String listCommand) {
        String wanted = key.strip();
        List<List<T>> tries = List.of(
                items.stream().filter(i -> uuid.apply(i).equalsIgnoreCase(wanted)).toList(),
                items.stream().filter(i -> wanted.equals(name.apply(i))).toList(),
                items.stream().filter(i -> wanted.equalsIgnoreCase(name.apply(i))).toList(),
                wanted.length() < MIN_UUID_PREFIX ? List.of() : items.stream()
                        .filter(i -> uuid.apply(i).toLowerCase(Locale.ROOT).startsWith(wanted.toLowerCase(Locale.ROOT))).toList());
        for (List<T> found : tries) {
            if (found.size() == 1) {
                return found.get(0);
            }
            if (found.size() > 1) {
                throw new ConsoleInputException(found.size() + " " + kind + "s match '" + InputEcho.shown(wanted) + "' in pool " + poolName
                        + ": give the uuid (" + String.join(", ", found.stream().map(uuid).toList()) + ")");
            }
        }
        throw new ConsoleInputException("no " + kind + " named or with uuid '" + InputEcho.shown(wanted) + "' in pool " + poolName
                + " (" + listCommand + " lists them)");
    }
}
