-- Hourly CPU and memory per host over the last 24 hours, from the collected samples.
-- The pool: SET @pool = 'name or uuid' first (see README.md); unset, every pool, each row naming its pool.
SELECT p.Name                                              AS Pool,
       h.Name                                              AS Host,
       DATE_FORMAT(s.SampledAt, '%Y-%m-%d %H:00')          AS Hour,
       ROUND(AVG(s.CpuAverage), 1)                         AS CpuPercentAvg,
       ROUND(MAX(s.CpuAverage), 1)                         AS CpuPercentMax,
       ROUND(AVG(s.MemoryTotalMb - s.MemoryFreeMb))        AS MemoryUsedMbAvg,
       COUNT(*)                                            AS Samples
FROM HostSample s
JOIN Host h ON h.UUID = s.HostUuid
JOIN Pool p ON p.Id = s.PoolId
WHERE s.Resolution = 'raw'
  AND s.SampledAt >= UTC_TIMESTAMP() - INTERVAL 1 DAY
  AND (@pool IS NULL OR CAST(p.Name AS BINARY) = CAST(@pool AS BINARY) OR CAST(p.UUID AS BINARY) = CAST(@pool AS BINARY))
GROUP BY p.Id, p.Name, h.UUID, h.Name, DATE_FORMAT(s.SampledAt, '%Y-%m-%d %H:00')
ORDER BY Pool, Host, Hour;
