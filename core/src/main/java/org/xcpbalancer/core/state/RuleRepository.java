package org.xcpbalancer.core.state;

import static org.xcpbalancer.core.db.generated.Tables.HOSTRULE;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.UtcTime;

/** The pool's balancing rules: one per subject. */
public final class RuleRepository {
    private final Database database;

    public RuleRepository(Database database) {
        this.database = database;
    }

    /**
     * The pool's rules in the order they were created. A row whose subject is not known (written by hand in SQL)
     * is skipped rather than failing the whole run.
     */
    public List<HostRule> rules(int poolId) {
        return database.dsl().selectFrom(HOSTRULE).where(HOSTRULE.PoolId.eq(poolId))
                .orderBy(HOSTRULE.CreatedAt, HOSTRULE.Subject).fetch().stream()
                .flatMap(r -> RuleSubject.parse(r.getSubject()).stream()
                        .filter(subject -> r.getThreshold() != null && r.getThreshold() > 0
                                && r.getThreshold() <= subject.maxThreshold())
                        .map(subject -> new HostRule(subject, r.getThreshold())))
                .toList();
    }

    public Optional<HostRule> rule(int poolId, RuleSubject subject) {
        return rules(poolId).stream().filter(r -> r.subject() == subject).findFirst();
    }

    /** Creates the rule, or replaces the threshold of the pool's rule on the same subject. */
    public void save(int poolId, HostRule rule) {
        database.dsl().insertInto(HOSTRULE, HOSTRULE.PoolId, HOSTRULE.Subject, HOSTRULE.Threshold, HOSTRULE.CreatedAt)
                .values(poolId, rule.subject().name(), rule.threshold(), UtcTime.toUtc(Instant.now()))
                .onDuplicateKeyUpdate().set(HOSTRULE.Threshold, rule.threshold())
                .execute();
    }

    /** Deletes the pool's rule on the subject; false when there was none. */
    public boolean delete(int poolId, RuleSubject subject) {
        return database.dsl().deleteFrom(HOSTRULE)
                .where(HOSTRULE.PoolId.eq(poolId).and(HOSTRULE.Subject.eq(subject.name()))).execute() > 0;
    }
}
