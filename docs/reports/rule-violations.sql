-- How often each rule was violated: for every collected sample time, the hosts in violation of a rule by the
-- controller's own test, counted per rule and host. The pool average of a subject is the mean over the hosts
-- that measured it at that time, and a subject not measured never counts as violating.
--   A single-subject rule (HostRule): the host's value is more than Threshold above the pool average.
--   An AND rule (HostRuleSet Kind 'AND' with its HostRulePart rows, V7): every part is more than its own
--   threshold above its subject's pool average. Threshold is NULL: each part's is in Rule.
--   A SCORE rule (Kind 'SCORE'): the host's score, the weighted average of its subjects (weights divided by
--   their sum), is more than Threshold points above the pool's average score, the same weighting of the
--   subjects' averages: the score is over when the weighted sum of (value - average) is.
-- Rule names the rule as decisions and migrations do (their RuleSubject): a subject, or the rule as typed
-- ("CpuAverage 25 AND OccupiedMemoryPercent 20", "SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 15").
-- The pool: SET @pool = 'name or uuid' first (see README.md); unset, every pool, each row naming its pool.
WITH Samples AS (
    SELECT s.PoolId, s.HostUuid, s.SampledAt,
           s.CpuAverage                     AS CpuAverage,
           s.MemoryTotalMb - s.MemoryFreeMb AS OccupiedMemoryMb,
           (s.MemoryTotalMb - s.MemoryFreeMb) * 100.0 / NULLIF(s.MemoryTotalMb, 0) AS OccupiedMemoryPercent,
           s.PifEth0RxKb                    AS PifEth0RxKb,
           s.PifEth0TxKb                    AS PifEth0TxKb
    FROM HostSample s
    JOIN Pool p ON p.Id = s.PoolId
    WHERE s.Resolution = 'raw'
      AND (@pool IS NULL OR CAST(p.Name AS BINARY) = CAST(@pool AS BINARY) OR CAST(p.UUID AS BINARY) = CAST(@pool AS BINARY))
), Values_ AS (
    SELECT PoolId, HostUuid, SampledAt, 'CpuAverage' AS Subject, CpuAverage AS Value FROM Samples
    UNION ALL SELECT PoolId, HostUuid, SampledAt, 'OccupiedMemoryMb', OccupiedMemoryMb FROM Samples
    UNION ALL SELECT PoolId, HostUuid, SampledAt, 'OccupiedMemoryPercent', OccupiedMemoryPercent FROM Samples
    UNION ALL SELECT PoolId, HostUuid, SampledAt, 'PifEth0RxKb', PifEth0RxKb FROM Samples
    UNION ALL SELECT PoolId, HostUuid, SampledAt, 'PifEth0TxKb', PifEth0TxKb FROM Samples
), Deviations AS (
    SELECT PoolId, HostUuid, SampledAt, Subject,
           Value - AVG(Value) OVER (PARTITION BY PoolId, SampledAt, Subject) AS AboveAverage
    FROM Values_
    WHERE Value IS NOT NULL
), RuleSets AS (
    -- Each AND and SCORE rule named as typed: its parts in the order typed (Position).
    SELECT s.Id, s.PoolId, s.Kind, s.Threshold, COUNT(*) AS Parts,
           CASE s.Kind
               WHEN 'AND' THEN GROUP_CONCAT(CONCAT(pt.Subject, ' ', pt.Threshold) ORDER BY pt.Position SEPARATOR ' AND ')
               ELSE CONCAT('SCORE ', GROUP_CONCAT(CONCAT(pt.Subject, '*', pt.Weight) ORDER BY pt.Position SEPARATOR ' + '),
                           ' ', s.Threshold)
           END AS Rule
    FROM HostRuleSet s
    JOIN HostRulePart pt ON pt.RuleSetId = s.Id
    GROUP BY s.Id, s.PoolId, s.Kind, s.Threshold
), Violations AS (
    SELECT d.PoolId, d.HostUuid, d.SampledAt, r.Subject AS Rule, r.Threshold AS Threshold
    FROM Deviations d
    JOIN HostRule r ON r.PoolId = d.PoolId AND r.Subject = d.Subject
    WHERE d.AboveAverage > r.Threshold
    UNION ALL
    -- Every part measured (COUNT), then every part over (AND) or the weighted deviation over (SCORE).
    SELECT d.PoolId, d.HostUuid, d.SampledAt, s.Rule, s.Threshold
    FROM RuleSets s
    JOIN HostRulePart pt ON pt.RuleSetId = s.Id
    JOIN Deviations d ON d.PoolId = s.PoolId AND d.Subject = pt.Subject
    GROUP BY s.Id, s.Rule, s.Kind, s.Threshold, s.Parts, d.PoolId, d.HostUuid, d.SampledAt
    HAVING COUNT(*) = s.Parts
       AND CASE s.Kind
               WHEN 'AND' THEN SUM(d.AboveAverage > pt.Threshold) = s.Parts
               ELSE SUM(pt.Weight * d.AboveAverage) / SUM(pt.Weight) > s.Threshold
           END
)
SELECT p.Name                        AS Pool,
       v.Rule                        AS Rule,
       v.Threshold                   AS Threshold,
       h.Name                        AS Host,
       COUNT(*)                      AS SamplesInViolation,
       MIN(v.SampledAt)              AS FirstSeen,
       MAX(v.SampledAt)              AS LastSeen
FROM Violations v
JOIN Host h ON h.UUID = v.HostUuid
JOIN Pool p ON p.Id = v.PoolId
GROUP BY p.Id, p.Name, v.Rule, v.Threshold, h.UUID, h.Name
ORDER BY Pool, SamplesInViolation DESC, Rule, Host;
