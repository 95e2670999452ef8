-- The ten guests using the most CPU, in cores (VcpuAverage is per vCPU, in percent), and where they run.
-- The pool: SET @pool = 'name or uuid' first (see README.md); unset, the ten busiest of all pools.
SELECT p.Name                                   AS Pool,
       v.Name                                   AS Vm,
       ROUND(v.VcpuAverage * v.VcpuNum / 100, 2) AS CoresUsed,
       ROUND(v.VcpuAverage, 1)                  AS VcpuPercent,
       v.VcpuNum                                AS Vcpus,
       h.Name                                   AS Host
FROM Vm v
JOIN Map m ON m.VmUuid = v.UUID
JOIN Host h ON h.UUID = m.HostUuid
JOIN Pool p ON p.Id = v.PoolId
WHERE NOT v.IsControlDomain AND v.VcpuAverage IS NOT NULL
  AND (@pool IS NULL OR CAST(p.Name AS BINARY) = CAST(@pool AS BINARY) OR CAST(p.UUID AS BINARY) = CAST(@pool AS BINARY))
ORDER BY CoresUsed DESC, v.Name
LIMIT 10;
