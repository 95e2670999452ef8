-- Density (green) mode with host power management (issue 14).
--
-- Host.PowerOnMode is XAPI's host.power_on_mode ("" when the host cannot be woken by host.power_on; otherwise
-- "wake-on-lan", "iLO", "DRAC", "IPMI", ...): density mode empties and powers off only hosts it can wake again.
ALTER TABLE `Host` ADD COLUMN `PowerOnMode` VARCHAR(255) NOT NULL DEFAULT '';

-- Every power action xcp-control took on a host, with its reason and times: the record that tells which hosts
-- xcp-balancer powered off (only those are powered on again unless density.powerOnAnyHost), which host it is
-- waking (it is followed across runs, not waited for), and when, for the energy report.
--   Action: power_off (host.disable then host.shutdown of an emptied host) or power_on (host.power_on).
--   State:  started (asked of XAPI; for power_on: waiting for the host to be live and enabled),
--           done (power_off: the host was shut down; power_on: the host was seen live and enabled),
--           failed (XAPI refused, a re-check found the host not empty, or the host did not come back in time).
-- DoneAt is when the state became done or failed; DeadlineAt (power_on) is when a host not yet live and enabled
-- is given up (started + density.bootTimeout). Host rows go when a host leaves the pool; these stay.
CREATE TABLE `HostPowerAction` (
  `Id`                  BIGINT       NOT NULL AUTO_INCREMENT,
  `PoolId`              INT          NOT NULL,
  `RunId`               BIGINT       NULL,
  `HostUuid`            VARCHAR(64)  NOT NULL,
  `HostName`            MEDIUMTEXT   NULL,
  `Action`              VARCHAR(16)  NOT NULL,
  `State`               VARCHAR(16)  NOT NULL,
  `Reason`              MEDIUMTEXT   NOT NULL,
  `StartedAt`           DATETIME(3)  NOT NULL,
  `DoneAt`              DATETIME(3)  NULL,
  `DeadlineAt`          DATETIME(3)  NULL,
  `Error`               MEDIUMTEXT   NULL,
  PRIMARY KEY (`Id`),
  CONSTRAINT FK_HostPowerAction_Pool FOREIGN KEY (`PoolId`) REFERENCES `Pool` (`Id`) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX IX_HostPowerAction_Pool_Host_Time ON `HostPowerAction` (`PoolId`, `HostUuid`, `StartedAt`);
