-- How often each rule was violated: for every collected sample time, the hosts whose value exceeded the
-- pool average by more than the rule's threshold (the controller's own test), counted per rule and host.
-- Single-subject rules (HostRule) only: AND and SCORE rules (HostRuleSet/HostRulePart, V7) are judged by xcp-control
-- and its ControlDecision rows (RuleSubject holds such a rule as typed).
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
)
SELECT p.Name                        AS Pool,
       r.Subject                     AS Rule,
       r.Threshold                   AS Threshold,
       h.Name                        AS Host,
       COUNT(*)                      AS SamplesInViolation,
       MIN(d.SampledAt)              AS FirstSeen,
       MAX(d.SampledAt)              AS LastSeen
FROM Deviations d
JOIN HostRule r ON r.PoolId = d.PoolId AND r.Subject = d.Subject
JOIN Host h ON h.UUID = d.HostUuid
JOIN Pool p ON p.Id = d.PoolId
WHERE d.AboveAverage > r.Threshold
GROUP BY p.Id, p.Name, r.Subject, r.Threshold, h.UUID, h.Name
ORDER BY Pool, SamplesInViolation DESC, Rule, Host;
