-- The ten guests using the most CPU, in cores (VcpuAverage is per vCPU, in percent), and where they run.
SELECT v.Name                                   AS Vm,
       ROUND(v.VcpuAverage * v.VcpuNum / 100, 2) AS CoresUsed,
       ROUND(v.VcpuAverage, 1)                  AS VcpuPercent,
       v.VcpuNum                                AS Vcpus,
       h.Name                                   AS Host
FROM Vm v
JOIN Map m ON m.VmUuid = v.UUID
JOIN Host h ON h.UUID = m.HostUuid
WHERE NOT v.IsControlDomain AND v.VcpuAverage IS NOT NULL
ORDER BY CoresUsed DESC, v.Name
LIMIT 10;
