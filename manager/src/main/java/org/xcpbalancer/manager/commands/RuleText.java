package org.xcpbalancer.manager.commands;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.manager.format.Numbers;

/** The original tool's sentences about rules. */
final class RuleText {
    private RuleText() {
    }

    /** "CpuAverage is more than 25 % above the medium" ("medium" is the original tool's word for the average). */
    static String sentence(HostRule rule) {
        return rule.subject().name() + " is more than " + Numbers.threshold(rule.threshold()) + " "
                + rule.subject().unit() + " above the medium";
    }

    /** "When CpuAverage is more than 25 % above the medium migrate to the less loaded host". */
    static String echo(HostRule rule) {
        return "When " + sentence(rule) + " migrate to the less loaded host";
    }

    /** "- CpuAverage is more than 25 % above the medium", a line of SHOW RULES HOST. */
    static String listLine(HostRule rule) {
        return "- " + sentence(rule);
    }

    static Map<String, Object> json(HostRule rule) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("subject", rule.subject().name());
        json.put("threshold", rule.threshold());
        json.put("unit", rule.subject().unit());
        json.put("text", sentence(rule));
        return json;
    }
}
