package org.xcpbalancer.manager.commands;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.PredictedPart;
import org.xcpbalancer.core.state.RulePart;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.CommandOutput;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.data.MigrationLogRow;
import org.xcpbalancer.manager.format.Ages;
import org.xcpbalancer.manager.format.Numbers;
import org.xcpbalancer.manager.format.TextTable;
import org.xcpbalancer.manager.format.XapiErrorText;
import org.xcpbalancer.manager.format.TextTable.Column;

/**
 * SHOW MIGRATIONS [LIMIT n]: the controller's log, newest first: when, VM, from, to, rule, predicted and
 * measured effect on source and destination, outcome, duration. An AND rule's figures are of one of its parts,
 * which the predicted figures name ("OccupiedMemoryPercent: 62.5 -> 37.3 / ..."; the rule itself may already
 * fill its column); --format json names the quantity of every row in predictedSubject.
 */
public final class ShowMigrationsCommand implements ConsoleCommand {
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String USAGE = "SHOW MIGRATIONS [LIMIT <n>]";
    private static final int DEFAULT_LIMIT = 20;

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("SHOW MIGRATIONS", USAGE,
                "the controller's migrations: when, VM, from, to, rule, predicted and measured effect, outcome")
                .withClauses(List.of("LIMIT"));
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        int limit = arguments.limit(USAGE).orElse(DEFAULT_LIMIT);
        arguments.expectEnd(USAGE);
        PoolRef pool = context.pool();
        List<MigrationLogRow> migrations = context.migrations().recent(pool.id(), limit);
        // Only a SCORE row whose text does not read as a rule needs them (PredictedPart looks it up by name).
        List<HostRule> poolRules = migrations.isEmpty() ? List.of() : context.rules().rules(pool.id());
        List<String> lines = new ArrayList<>();
        if (migrations.isEmpty()) {
            lines.add("No migrations in pool " + pool.name() + " yet.");
        } else {
            TextTable table = new TextTable(List.of(Column.left("WHEN (UTC)"), Column.left("VM"), Column.left("FROM"),
                    Column.left("TO"), Column.left("RULE"), Column.left("PREDICTED FROM -> TO"),
                    Column.left("MEASURED FROM / TO"), Column.left("OUTCOME"), Column.right("DURATION")));
            for (MigrationLogRow m : migrations) {
                table.row(List.of(WHEN.format(m.createdAt()), m.vmName(), m.sourceHostName(), m.destinationHostName(),
                        rule(m), predicted(m, poolRules), measured(m), outcome(m),
                        m.duration() == null ? "-" : Ages.elapsed(m.duration())));
            }
            lines.addAll(table.render());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pool", pool.name());
        json.put("migrations", migrations.stream().map(m -> json(m, poolRules)).toList());
        return CommandOutput.of(lines, json);
    }

    private static String rule(MigrationLogRow m) {
        // an AND or SCORE rule is stored as typed, thresholds included
        return m.ruleSubject() == null ? "-" : m.ruleSubject().contains(" ") ? m.ruleSubject()
                : m.ruleSubject() + " > " + Numbers.threshold(m.ruleThreshold());
    }

    /**
     * "100 -> 67 / 26 -> 59": the source and destination values before and after, as the controller predicted;
     * for an AND rule preceded by the part they are of ("OccupiedMemoryPercent: ", "part unknown: " for a row
     * that does not tell), as the rule alone does not say which.
     */
    private static String predicted(MigrationLogRow m, List<HostRule> poolRules) {
        String figures = pair(m.predictedSourceBefore(), m.predictedSourceAfter()) + " / "
                + pair(m.predictedDestinationBefore(), m.predictedDestinationAfter());
        if (m.ruleSubject() == null || !m.ruleSubject().contains(" AND ")) {
            return figures;
        }
        return predictedSubject(m, poolRules).orElse("part unknown") + ": " + figures;
    }

    /**
     * What the predicted and measured figures are of: the rule's subject, an AND rule's part, a SCORE rule's score
     * ("score CpuAverage*0.7 + OccupiedMemoryPercent*0.3"); empty for a constraint repair or a row that cannot tell.
     */
    private static Optional<String> predictedSubject(MigrationLogRow m, List<HostRule> poolRules) {
        return m.ruleSubject() == null ? Optional.empty()
                : PredictedPart.of(m.ruleSubject(), m.ruleThreshold(), m.reason(), poolRules).map(RulePart::name);
    }

    private static String measured(MigrationLogRow m) {
        return figure(m.measuredSourceAfter()) + " / " + figure(m.measuredDestinationAfter());
    }

    private static String pair(Double before, Double after) {
        return figure(before) + " -> " + figure(after);
    }

    private static String figure(Double value) {
        return value == null ? "-" : Numbers.plain(value, 1);
    }

    private static String outcome(MigrationLogRow m) {
        return m.xapiError() == null || m.xapiError().isBlank() ? m.state() : m.state() + ": " + XapiErrorText.brief(m.xapiError());
    }

    private static Map<String, Object> json(MigrationLogRow m, List<HostRule> poolRules) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", m.id());
        json.put("createdAt", m.createdAt().toString());
        json.put("vmUuid", m.vmUuid());
        json.put("vmName", m.vmName());
        json.put("from", m.sourceHostName());
        json.put("to", m.destinationHostName());
        json.put("ruleSubject", m.ruleSubject());
        json.put("ruleThreshold", m.ruleThreshold());
        json.put("reason", m.reason());
        json.put("predictedSubject", predictedSubject(m, poolRules).orElse(null));
        json.put("predictedSourceBefore", m.predictedSourceBefore());
        json.put("predictedSourceAfter", m.predictedSourceAfter());
        json.put("predictedDestinationBefore", m.predictedDestinationBefore());
        json.put("predictedDestinationAfter", m.predictedDestinationAfter());
        json.put("measuredSourceAfter", m.measuredSourceAfter());
        json.put("measuredDestinationAfter", m.measuredDestinationAfter());
        json.put("state", m.state());
        json.put("xapiError", m.xapiError());
        json.put("durationMs", m.duration() == null ? null : m.duration().toMillis());
        return json;
    }
}
