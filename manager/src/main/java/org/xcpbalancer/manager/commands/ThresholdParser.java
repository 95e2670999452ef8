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
        return parse(subject.name(), subject.unit(), subject.maxThreshold(), example(subject), typed);
    }

    /** A SCORE's threshold: in percentage points, as the score is a weighted average of percentages. */
    static double parseScore(String typed) {
        return parse("SCORE", "%", 100, "15", typed);
    }

    /** Whether the word reads as a threshold (a number, perhaps with a unit), not as a subject or a term. */
    static boolean looksLikeNumber(String word) {
        String text = word.strip();
        var split = NUMBER_THEN_UNIT.matcher(text);
        return DECIMAL.matcher(split.matches() ? split.group(1) : text).matches();
    }

    /** A weight of a SCORE: a number more than 0 (weights are relative, 0.7 and 0.3 weigh as 7 and 3). */
    static double parseWeight(RuleSubject subject, String typed) {
        String text = typed.strip();
        if (!DECIMAL.matcher(text).matches()) {
            throw new ConsoleInputException("the weight of " + subject.name() + " must be a number such as 0.7, not '"
                    + InputEcho.shown(text) + "'");
        }
        double weight = Double.parseDouble(text);
        if (weight <= 0) {
            throw new ConsoleInputException("the weight of " + subject.name() + " must be more than 0, not "
                    + Numbers.threshold(weight) + " (weights are relative and must sum to a positive number)");
        }
        return weight;
    }

    private static double parse(String name, String expectedUnit, double max, String example, String typed) {
        String text = typed.strip();
        var split = NUMBER_THEN_UNIT.matcher(text);
        if (split.matches()) {
            String unit = split.group(2).strip();
            if (!unit.equalsIgnoreCase(expectedUnit)) {
                throw new ConsoleInputException(name + " thresholds are in " + expectedUnit
                        + ", not '" + InputEcho.shown(unit) + "': give a number such as " + example);
            }
            text = split.group(1);
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("nan") || lower.contains("inf")) {
            throw new ConsoleInputException("the threshold must be a finite number of " + expectedUnit
                    + ", not '" + InputEcho.shown(typed.strip()) + "'");
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new ConsoleInputException("the threshold must be a number of " + expectedUnit + " such as "
                    + example + ", not '" + InputEcho.shown(typed.strip()) + "'");
        }
        double value = Double.parseDouble(text);
        if (value <= 0) {
            throw new ConsoleInputException("the threshold must be more than 0 " + expectedUnit
                    + " (how far above the pool average a host may go), not " + Numbers.threshold(value));
        }
        if (value > max) {
            throw new ConsoleInputException("a " + name + " threshold of " + Numbers.threshold(value) + " "
                    + expectedUnit + " can never be reached: give at most " + Numbers.threshold(max)
                    + " " + expectedUnit);
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
