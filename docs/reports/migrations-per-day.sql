-- Migrations per day and their outcome, with the mean duration of those that finished.
-- The pool: SET @pool = 'name or uuid' first (see README.md); unset, every pool, each row naming its pool.
SELECT p.Name                                 AS Pool,
       DATE(m.CreatedAt)                      AS Day,
       m.State                                AS Outcome,
       COUNT(*)                               AS Migrations,
       ROUND(AVG(m.DurationMs) / 1000, 1)     AS MeanSeconds
FROM Migration m
JOIN Pool p ON p.Id = m.PoolId
WHERE @pool IS NULL OR CAST(p.Name AS BINARY) = CAST(@pool AS BINARY) OR CAST(p.UUID AS BINARY) = CAST(@pool AS BINARY)
GROUP BY p.Id, p.Name, DATE(m.CreatedAt), m.State
ORDER BY Pool, Day, Outcome;
