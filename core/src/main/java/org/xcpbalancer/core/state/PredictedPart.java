package org.xcpbalancer.core.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which quantity a logged migration's predicted values are of, so that its measured values are of the same one
 * and the two can be compared (xcp-control measures it, SHOW MIGRATIONS names it): a single-subject rule's subject;
 * a SCORE rule's score; an AND rule's part that decided the move (the part nearest to being back under). An AND
 * rule's part is a single subject: the one whose threshold, in the rule as typed, is the logged RuleThreshold;
 * when several parts share that threshold (CpuAverage 20 AND OccupiedMemoryPercent 20), the one the move's reason
 * names ({@link #clause}). A SCORE rule's weights are read from the rule as typed. Reading both from the row alone
 * keeps a move measurable after its rule was changed or deleted.
 */
public final class PredictedPart {
    private static final String NAMED = "the predicted values logged are of ";
    private static final String AND = " AND ";
    private static final String SCORE = "SCORE ";

    private PredictedPart() {
    }

    /** How an AND move's reason names the part its predicted values are of. */
    public static String clause(RulePart part) {
        return NAMED + part.name();
    }

    /**
     * The part of the logged rule the predicted values are of; empty when it cannot be told: an AND row logged
     * before reasons named the part whose parts share its threshold, a SCORE whose text does not read as one and
     * that is no longer among the pool's rules (poolRules: looked up by name only then).
     */
    public static Optional<RulePart> of(String ruleSubject, Double ruleThreshold, String reason, List<HostRule> poolRules) {
        Optional<RuleSubject> single = RuleSubject.parse(ruleSubject);
        if (single.isPresent()) {
            // The measured value is the subject's own: the threshold plays no part in it.
            return Optional.of(RulePart.of(single.get(), single.get().maxThreshold()));
        }
        if (ruleSubject.startsWith(SCORE)) {
            Optional<RulePart> typed = scorePart(ruleSubject.substring(SCORE.length()));
            if (typed.isPresent()) {
                return typed;
            }
            return poolRules.stream().filter(r -> r.form() == HostRule.Form.SCORE && r.logName().equals(ruleSubject))
                    .findFirst().map(r -> r.parts().get(0));
        }
        return ruleSubject.contains(AND) ? andPart(ruleSubject, ruleThreshold, reason) : Optional.empty();
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

    /**
     * "CpuAverage*0.7 + OccupiedMemoryPercent*0.3 15", a SCORE as HostRule.text() writes it after "SCORE ": the
     * weighted part, its threshold checked as when the rule was created; empty when it does not read as one.
     */
    private static Optional<RulePart> scorePart(String typed) {
        int space = typed.lastIndexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        List<RulePart.WeightedSubject> weights = new ArrayList<>();
        try {
            for (String term : typed.substring(0, space).split(" \\+ ", -1)) {
                String[] subjectAndWeight = term.split("\\*", -1);
                Optional<RuleSubject> subject = RuleSubject.parse(subjectAndWeight[0]);
                if (subjectAndWeight.length != 2 || subject.isEmpty()) {
                    return Optional.empty();
                }
                weights.add(new RulePart.WeightedSubject(subject.get(), Double.parseDouble(subjectAndWeight[1])));
            }
            RulePart part = new RulePart(weights, Double.parseDouble(typed.substring(space + 1)));
            return part.single() ? Optional.empty() : Optional.of(part);
        } catch (IllegalArgumentException e) {
            // NumberFormatException included: a weight or threshold that is no number, or a part core refuses.
            return Optional.empty();
        }
    }

    /** Whether the reason holds the {@link #clause} of the subject, the name as a whole word. */
    private static boolean names(String reason, RuleSubject subject) {
        return reason != null && Pattern.compile(Pattern.quote(NAMED + subject.name()) + "\\b").matcher(reason).find();
    }
}
