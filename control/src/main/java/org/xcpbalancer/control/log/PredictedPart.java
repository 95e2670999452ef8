package org.xcpbalancer.control.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.RulePart;
import org.xcpbalancer.core.state.RuleSubject;

/**
 * Which quantity a logged migration's predicted values are of, so that its measured values are of the same one
 * and the two can be compared: a single-subject rule's subject; a SCORE rule's score (the rule is looked up among
 * the pool's rules by its name as typed, since the name does not say the weights' exact values); an AND rule's
 * part that decided the move (the part nearest to being back under). An AND rule's part is a single subject:
 * the one whose threshold, in the rule as typed, is the logged RuleThreshold; when several parts share that
 * threshold (CpuAverage 20 AND OccupiedMemoryPercent 20), the one the move's reason names ({@link #clause}).
 * Reading it from the row alone keeps an AND move measurable after its rule was changed or deleted.
 */
public final class PredictedPart {
    private static final String NAMED = "the predicted values logged are of ";
    private static final String AND = " AND ";

    private PredictedPart() {
    }

    /** How an AND move's reason names the part its predicted values are of. */
    public static String clause(RulePart part) {
        return NAMED + part.name();
    }

    /**
     * The part of the logged rule the predicted values are of; empty when it cannot be told: a SCORE rule no
     * longer among the pool's, an AND row logged before reasons named the part whose parts share its threshold.
     */
    static Optional<RulePart> of(String ruleSubject, Double ruleThreshold, String reason, List<HostRule> poolRules) {
        Optional<RuleSubject> single = RuleSubject.parse(ruleSubject);
        if (single.isPresent()) {
            // The measured value is the subject's own: the threshold plays no part in it.
            return Optional.of(RulePart.of(single.get(), single.get().maxThreshold()));
        }
        if (ruleSubject.contains(AND)) {
            return andPart(ruleSubject, ruleThreshold, reason);
        }
        return poolRules.stream().filter(r -> r.form() == HostRule.Form.SCORE && r.logName().equals(ruleSubject))
                .findFirst().map(r -> r.parts().get(0));
    }

    /** "CpuAverage 25 AND OccupiedMemoryPercent 20" (HostRule.text()): the part with the logged threshold. */
    private static Optional<RulePart> andPart(String ruleText, Double ruleThreshold, String reason) {
        if (ruleThreshold == null) {
            return Optional.empty();
        }
        String threshold = RulePart.number(ruleThreshold);
        List<RuleSubject> candidates = new ArrayList<>();
        for (String typed : ruleText.split(AND, -1)) {
            int space = typed.lastIndexOf(' ');
            Optional<RuleSubject> subject = space < 0 ? Optional.empty() : RuleSubject.parse(typed.substring(0, space));
            if (subject.isPresent() && typed.substring(space + 1).equals(threshold)) {
                candidates.add(subject.get());
            }
        }
        if (candidates.size() > 1) {
            candidates.removeIf(s -> !names(reason, s));
        }
        return candidates.size() == 1 ? Optional.of(RulePart.of(candidates.get(0), candidates.get(0).maxThreshold()))
                : Optional.empty();
    }

    /** Whether the reason holds the {@link #clause} of the subject, the name as a whole word. */
    private static boolean names(String reason, RuleSubject subject) {
        return reason != null && Pattern.compile(Pattern.quote(NAMED + subject.name()) + "\\b").matcher(reason).find();
    }
}
