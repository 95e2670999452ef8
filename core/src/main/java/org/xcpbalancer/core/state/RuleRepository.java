package org.xcpbalancer.core.state;

import static org.xcpbalancer.core.db.generated.Tables.HOSTRULE;
import static org.xcpbalancer.core.db.generated.Tables.HOSTRULEPART;
import static org.xcpbalancer.core.db.generated.Tables.HOSTRULESET;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.db.generated.tables.records.HostRulePartRecord;
import org.xcpbalancer.core.db.generated.tables.records.HostRuleSetRecord;

/**
 * The pool's balancing rules: single-subject rules in the original HostRule table (one per subject), AND and
 * SCORE rules in HostRuleSet/HostRulePart (one per form and set of subjects): see the V7 migration.
 */
public final class RuleRepository {
    private final Database database;

    public RuleRepository(Database database) {
        this.database = database;
    }

    private record Dated(HostRule rule, LocalDateTime createdAt) {
    }

    /**
     * The pool's rules in the order they were created. A row that does not make a valid rule (written by hand in
     * SQL: an unknown subject, a threshold out of range) is skipped rather than failing the whole run.
     */
    public List<HostRule> rules(int poolId) {
        DSLContext dsl = database.dsl();
        List<Dated> all = new ArrayList<>();
        dsl.selectFrom(HOSTRULE).where(HOSTRULE.PoolId.eq(poolId)).orderBy(HOSTRULE.CreatedAt, HOSTRULE.Subject)
                .fetch().forEach(r -> RuleSubject.parse(r.getSubject())
                        .filter(subject -> r.getThreshold() != null && r.getThreshold() > 0
                                && r.getThreshold() <= subject.maxThreshold())
                        .ifPresent(subject -> all.add(new Dated(new HostRule(subject, r.getThreshold()),
                                r.getCreatedAt()))));
        List<HostRuleSetRecord> sets = dsl.selectFrom(HOSTRULESET).where(HOSTRULESET.PoolId.eq(poolId))
                .orderBy(HOSTRULESET.CreatedAt, HOSTRULESET.Id).fetch();
        Map<Integer, List<HostRulePartRecord>> parts = sets.isEmpty() ? Map.of()
                : dsl.selectFrom(HOSTRULEPART).where(HOSTRULEPART.RuleSetId.in(sets.stream().map(HostRuleSetRecord::getId).toList()))
                        .orderBy(HOSTRULEPART.Position).fetch().stream()
                        .collect(Collectors.groupingBy(HostRulePartRecord::getRuleSetId));
        for (HostRuleSetRecord set : sets) {
            ruleOf(set, parts.getOrDefault(set.getId(), List.of())).ifPresent(rule -> all.add(new Dated(rule, set.getCreatedAt())));
        }
        // Stable: rules created at the same time keep single rules first, as read.
        all.sort(Comparator.comparing(Dated::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())));
        return all.stream().map(Dated::rule).toList();
    }

    private static Optional<HostRule> ruleOf(HostRuleSetRecord set, List<HostRulePartRecord> rows) {
        try {
            if ("AND".equals(set.getKind())) {
                List<RulePart> parts = new ArrayList<>();
                for (HostRulePartRecord row : rows) {
                    parts.add(RulePart.of(RuleSubject.parse(row.getSubject()).orElseThrow(), row.getThreshold()));
                }
                return Optional.of(HostRule.allOf(parts));
            }
            if ("SCORE".equals(set.getKind())) {
                List<RulePart.WeightedSubject> weights = new ArrayList<>();
                for (HostRulePartRecord row : rows) {
                    weights.add(new RulePart.WeightedSubject(RuleSubject.parse(row.getSubject()).orElseThrow(),
                            row.getWeight()));
                }
                return Optional.of(HostRule.score(weights, set.getThreshold()));
            }
        } catch (RuntimeException badRow) {
            // unknown subject, NULL or out-of-range number: not a rule the controller can apply
        }
        return Optional.empty();
    }

    public Optional<HostRule> rule(int poolId, RuleSubject subject) {
        return rules(poolId).stream().filter(r -> r.single() && r.subject() == subject).findFirst();
    }

    /** The pool's rule that a new rule would replace: the same form on the same subjects. */
    public Optional<HostRule> sameAs(int poolId, HostRule rule) {
        return rules(poolId).stream().filter(r -> r.identity().equals(rule.identity())).findFirst();
    }

    /** Creates the rule, or replaces the pool's rule of the same form on the same subjects. */
    public void save(int poolId, HostRule rule) {
        LocalDateTime now = UtcTime.toUtc(Instant.now());
        if (rule.single()) {
            database.dsl().insertInto(HOSTRULE, HOSTRULE.PoolId, HOSTRULE.Subject, HOSTRULE.Threshold, HOSTRULE.CreatedAt)
                    .values(poolId, rule.subject().name(), rule.threshold(), now)
                    .onDuplicateKeyUpdate().set(HOSTRULE.Threshold, rule.threshold())
                    .execute();
            return;
        }
        database.transaction(dsl -> {
            HostRuleSetRecord old = dsl.selectFrom(HOSTRULESET).where(setOf(poolId, rule)).forUpdate().fetchOne();
            int id;
            if (old == null) {
                id = dsl.insertInto(HOSTRULESET, HOSTRULESET.PoolId, HOSTRULESET.Kind, HOSTRULESET.Subjects,
                                HOSTRULESET.Threshold, HOSTRULESET.CreatedAt)
                        .values(poolId, rule.form().name(), rule.subjectKey(),
                                rule.form() == HostRule.Form.SCORE ? rule.threshold() : null, now)
                        .returningResult(HOSTRULESET.Id).fetchOne().value1();
            } else {
                id = old.getId();
                dsl.update(HOSTRULESET).set(HOSTRULESET.Threshold, rule.form() == HostRule.Form.SCORE ? rule.threshold() : null)
                        .where(HOSTRULESET.Id.eq(id)).execute();
                dsl.deleteFrom(HOSTRULEPART).where(HOSTRULEPART.RuleSetId.eq(id)).execute();
            }
            int position = 0;
            for (RulePart part : rule.parts()) {
                for (RulePart.WeightedSubject w : part.weights()) {
                    boolean score = rule.form() == HostRule.Form.SCORE;
                    dsl.insertInto(HOSTRULEPART, HOSTRULEPART.RuleSetId, HOSTRULEPART.Position, HOSTRULEPART.Subject,
                                    HOSTRULEPART.Threshold, HOSTRULEPART.Weight)
                            .values(id, position++, w.subject().name(), score ? null : part.threshold(),
                                    score ? w.weight() : null)
                            .execute();
                }
            }
        });
    }

    private static org.jooq.Condition setOf(int poolId, HostRule rule) {
        return HOSTRULESET.PoolId.eq(poolId).and(HOSTRULESET.Kind.eq(rule.form().name()))
                .and(HOSTRULESET.Subjects.eq(rule.subjectKey()));
    }

    /** Deletes the pool's single-subject rule on the subject; false when there was none. */
    public boolean delete(int poolId, RuleSubject subject) {
        return database.dsl().deleteFrom(HOSTRULE)
                .where(HOSTRULE.PoolId.eq(poolId).and(HOSTRULE.Subject.eq(subject.name()))).execute() > 0;
    }

    /** Deletes the pool's rule of the same form on the same subjects (thresholds and weights aside). */
    public boolean delete(int poolId, HostRule rule) {
        if (rule.single()) {
            return delete(poolId, rule.subject());
        }
        // HostRulePart rows go with their set (ON DELETE CASCADE).
        return database.dsl().deleteFrom(HOSTRULESET).where(setOf(poolId, rule)).execute() > 0;
    }
}
