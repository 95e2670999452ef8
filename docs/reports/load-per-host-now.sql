-- Load per host now, as the collector last saw it: CPU %, memory in use, running guests.
SELECT h.Name                                  AS Host,
       ROUND(h.CpuAverage, 1)                  AS CpuPercent,
       h.MemoryTotalMb - h.MemoryFreeMb        AS MemoryUsedMb,
       h.MemoryTotalMb                         AS MemoryTotalMb,
       (SELECT COUNT(*) FROM Map m JOIN Vm v ON v.UUID = m.VmUuid
         WHERE m.HostUuid = h.UUID AND NOT v.IsControlDomain) AS Guests,
       h.UpdatedAt                             AS CollectedAt
FROM Host h
ORDER BY h.CpuAverage DESC, h.Name;
