package org.xcpbalancer.manager.commands;

import java.util.List;
import org.xcpbalancer.core.cli.InputEcho;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.manager.console.ConsoleInputException;

/** Rule subjects as the console names them, in the original tool's order. */
final class Subjects {
    /**
     * The original prompt's order, "When [PifEth0RxKb/PifEth0TxKb/OccupiedMemoryMb/CpuAverage]:", then the
     * subjects xcp-balancer added (OccupiedMemoryPercent).
     */
    static final List<RuleSubject> ORIGINAL_ORDER = List.of(RuleSubject.PifEth0RxKb, RuleSubject.PifEth0TxKb,
            RuleSubject.OccupiedMemoryMb, RuleSubject.CpuAverage, RuleSubject.OccupiedMemoryPercent);

    private Subjects() {
    }

    static RuleSubject parse(String text) {
        return RuleSubject.parse(text).orElseThrow(() -> new ConsoleInputException("unknown subject '" + InputEcho.shown(text.strip())
                + "': a rule is on " + String.join(", ", ORIGINAL_ORDER.stream().map(Enum::name).toList())));
    }

    /** "PifEth0RxKb/PifEth0TxKb/OccupiedMemoryMb/CpuAverage/OccupiedMemoryPercent". */
    static String choices() {
        return String.join("/", ORIGINAL_ORDER.stream().map(Enum::name).toList());
    }
}
