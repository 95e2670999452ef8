-- Load per host now, as the collector last saw it: CPU %, memory in use, running guests.
-- The pool: SET @pool = 'name or uuid' first (see README.md); unset, every pool, each row naming its pool.
SELECT p.Name                                  AS Pool,
       h.Name                                  AS Host,
       ROUND(h.CpuAverage, 1)                  AS CpuPercent,
       h.MemoryTotalMb - h.MemoryFreeMb        AS MemoryUsedMb,
       h.MemoryTotalMb                         AS MemoryTotalMb,
       (SELECT COUNT(*) FROM Map m JOIN Vm v ON v.UUID = m.VmUuid
         WHERE m.HostUuid = h.UUID AND NOT v.IsControlDomain) AS Guests,
       h.UpdatedAt                             AS CollectedAt
FROM Host h
JOIN Pool p ON p.Id = h.PoolId
WHERE @pool IS NULL OR CAST(p.Name AS BINARY) = CAST(@pool AS BINARY) OR CAST(p.UUID AS BINARY) = CAST(@pool AS BINARY)
ORDER BY p.Name, h.CpuAverage DESC, h.Name;
