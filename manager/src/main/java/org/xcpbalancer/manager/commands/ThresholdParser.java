package org.xcpbalancer.manager.commands;

import java.util.Locale;
import java.util.regex.Pattern;
import org.xcpbalancer.core.cli.InputEcho;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.manager.console.ConsoleInputException;
import org.xcpbalancer.manager.format.Numbers;

/**
 * Reads a rule threshold the way it is typed ("25", "25 %", "512MB", "0.5") and refuses what can never make a
 * sensible rule: not a number, NaN, infinite, negative, zero, or above the subject's maximum (a CPU rule above
 * 100 points can never fire). Java's own number parsing is not used alone: it takes "1e3", "0x10" and "25d".
 */
final class ThresholdParser {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern NUMBER_THEN_UNIT = Pattern.compile("([+-]?[0-9.]+)\\s*(%|[A-Za-z]+(/[A-Za-z]+)?)");

    private ThresholdParser() {
    }

    static double parse(RuleSubject subject, String typed) {
        String text = typed.strip();
        var split = NUMBER_THEN_UNIT.matcher(text);
        if (split.matches()) {
            String unit = split.group(2).strip();
            if (!unit.equalsIgnoreCase(subject.unit())) {
                throw new ConsoleInputException(subject.name() + " thresholds are in " + subject.unit()
                        + ", not '" + InputEcho.shown(unit) + "': give a number such as " + example(subject));
            }
            text = split.group(1);
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("nan") || lower.contains("inf")) {
            throw new ConsoleInputException("the threshold must be a finite number of " + subject.unit()
                    + ", not '" + InputEcho.shown(typed.strip()) + "'");
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new ConsoleInputException("the threshold must be a number of " + subject.unit() + " such as "
                    + example(subject) + ", not '" + InputEcho.shown(typed.strip()) + "'");
        }
        double value = Double.parseDouble(text);
        if (value <= 0) {
            throw new ConsoleInputException("the threshold must be more than 0 " + subject.unit()
                    + " (how far above the pool average a host may go), not " + Numbers.threshold(value));
        }
        if (value > subject.maxThreshold()) {
            throw new ConsoleInputException("a " + subject.name() + " threshold of " + Numbers.threshold(value) + " "
                    + subject.unit() + " can never be reached: give at most " + Numbers.threshold(subject.maxThreshold())
                    + " " + subject.unit());
        }
        return value;
    }

    private static String example(RuleSubject subject) {
        return switch (subject) {
            case CpuAverage -> "25";
            case OccupiedMemoryMb -> "1024";
            case OccupiedMemoryPercent -> "20";
            case PifEth0RxKb, PifEth0TxKb -> "5000";
        };
    }
}
