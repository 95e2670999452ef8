-- Migrations per day and their outcome, with the mean duration of those that finished.
SELECT DATE(m.CreatedAt)                      AS Day,
       m.State                                AS Outcome,
       COUNT(*)                               AS Migrations,
       ROUND(AVG(m.DurationMs) / 1000, 1)     AS MeanSeconds
FROM Migration m
GROUP BY DATE(m.CreatedAt), m.State
ORDER BY Day, Outcome;
