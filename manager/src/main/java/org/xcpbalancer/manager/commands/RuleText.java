package org.xcpbalancer.manager.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.RulePart;
import org.xcpbalancer.manager.format.Numbers;

/** The original tool's sentences about rules, extended to AND and SCORE rules in the same style. */
final class RuleText {
    private RuleText() {
    }

    /**
     * "CpuAverage is more than 25 % above the medium" ("medium" is the original tool's word for the average);
     * an AND rule joins its parts' sentences with "and"; a SCORE: "the score CpuAverage*0.7 +
     * OccupiedMemoryPercent*0.3 is more than 15 % above the medium".
     */
    static String sentence(HostRule rule) {
        List<String> parts = new ArrayList<>();
        for (RulePart part : rule.parts()) {
            parts.add((part.single() ? part.name() : "the " + part.name()) + " is more than "
                    + Numbers.threshold(part.threshold()) + " " + part.unit() + " above the medium");
        }
        return String.join(" and ", parts);
    }

    /** "When CpuAverage is more than 25 % above the medium migrate to the less loaded host". */
    static String echo(HostRule rule) {
        return "When " + sentence(rule) + " migrate to the less loaded host";
    }

    /** "- CpuAverage is more than 25 % above the medium", a line of SHOW RULES HOST. */
    static String listLine(HostRule rule) {
        return "- " + sentence(rule);
    }

    /**
     * A single rule: subject, threshold, unit, text. An AND or SCORE rule: form, rule (as typed), threshold
     * (SCORE), parts (subject, threshold, unit / subject, weight), text.
     */
    static Map<String, Object> json(HostRule rule) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (rule.single()) {
            json.put("subject", rule.subject().name());
            json.put("threshold", rule.threshold());
            json.put("unit", rule.subject().unit());
        } else {
            json.put("form", rule.form().name());
            json.put("rule", rule.text());
            List<Map<String, Object>> parts = new ArrayList<>();
            if (rule.form() == HostRule.Form.SCORE) {
                json.put("threshold", rule.threshold());
                json.put("unit", "%");
                rule.parts().get(0).weights().forEach(w -> parts.add(Map.of("subject", w.subject().name(),
                        "weight", w.weight())));
            } else {
                rule.parts().forEach(p -> parts.add(Map.of("subject", p.subject(0).name(), "threshold", p.threshold(),
                        "unit", p.unit())));
            }
            json.put("parts", parts);
        }
        json.put("text", sentence(rule));
        return json;
    }
}
