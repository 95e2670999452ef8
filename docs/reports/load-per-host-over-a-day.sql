-- Hourly CPU and memory per host over the last 24 hours, from the collected samples.
SELECT h.Name                                              AS Host,
       DATE_FORMAT(s.SampledAt, '%Y-%m-%d %H:00')          AS Hour,
       ROUND(AVG(s.CpuAverage), 1)                         AS CpuPercentAvg,
       ROUND(MAX(s.CpuAverage), 1)                         AS CpuPercentMax,
       ROUND(AVG(s.MemoryTotalMb - s.MemoryFreeMb))        AS MemoryUsedMbAvg,
       COUNT(*)                                            AS Samples
FROM HostSample s
JOIN Host h ON h.UUID = s.HostUuid
WHERE s.Resolution = 'raw'
  AND s.SampledAt >= UTC_TIMESTAMP() - INTERVAL 1 DAY
GROUP BY h.Name, DATE_FORMAT(s.SampledAt, '%Y-%m-%d %H:00')
ORDER BY h.Name, Hour;
