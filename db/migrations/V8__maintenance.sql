-- Issue 14: hosts in maintenance. A host's maintenance is its own `enabled` flag in XAPI plus this record of who
-- disabled it, why and how far its evacuation got, so it survives restarts of every program.
-- One row per host that is or was in maintenance (the next EVACUATE of the host starts it again); the history of
-- every step is in ControlDecision (EVACUATE, MOVE, NO_MOVE, ENABLE decisions about the host).
--   DisabledBy: evacuate (EVACUATE HOST / xcp-control --evacuate), operator (disabled outside xcp-balancer, then
--               enabled through it), density (the density strategy emptied it to power it off).
--   State:      requested (recorded, its owner has not acted yet), evacuating (disabled, VMs being moved),
--               empty (disabled, no running guest left), blocked (disabled, some VMs cannot move: see
--               HostMaintenanceVm), enable-requested (ENABLE HOST recorded, its owner has not acted yet),
--               ended (enabled again: balancing may fill it).
-- RequestedBy / EnableRequestedBy: the OS user and program that asked (e.g. "alice (xcp-manager)").
-- The control process of the pool's owner (xcp-service, or a one-shot xcp-control when no service leases the
-- pool) carries requests out; the console only records them.
CREATE TABLE `HostMaintenance` (
  `PoolId`              INT          NOT NULL,
  `HostUuid`            VARCHAR(64)  NOT NULL,
  `HostName`            VARCHAR(255) NOT NULL,
  `DisabledBy`          VARCHAR(16)  NOT NULL,
  `State`               VARCHAR(24)  NOT NULL,
  `Reason`              MEDIUMTEXT   NULL,
  `RequestedBy`         VARCHAR(255) NOT NULL,
  `RequestedAt`         DATETIME(3)  NOT NULL,
  `DisabledAt`          DATETIME(3)  NULL,
  `Status`              MEDIUMTEXT   NULL,
  `UpdatedAt`           DATETIME(3)  NOT NULL,
  `EnableRequestedBy`   VARCHAR(255) NULL,
  `EnableRequestedAt`   DATETIME(3)  NULL,
  `EndedAt`             DATETIME(3)  NULL,
  PRIMARY KEY (`PoolId`, `HostUuid`),
  CONSTRAINT FK_HostMaintenance_Pool FOREIGN KEY (`PoolId`) REFERENCES `Pool` (`Id`) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- The running VMs the last evacuation of a host could not move, each with why (a vGPU, PCI passthrough, no room,
-- a placement constraint, ...). Replaced at every evacuation step; empty once the host is empty.
CREATE TABLE `HostMaintenanceVm` (
  `PoolId`              INT          NOT NULL,
  `HostUuid`            VARCHAR(64)  NOT NULL,
  `VmUuid`              VARCHAR(64)  NOT NULL,
  `VmName`              VARCHAR(255) NULL,
  `Reason`              MEDIUMTEXT   NOT NULL,
  PRIMARY KEY (`PoolId`, `HostUuid`, `VmUuid`),
  CONSTRAINT FK_HostMaintenanceVm_Host FOREIGN KEY (`PoolId`, `HostUuid`)
    REFERENCES `HostMaintenance` (`PoolId`, `HostUuid`) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- The mode in force for a control run (performance or density: control.mode, switched by control.schedule), for
-- SHOW STATUS and the history. NULL in runs written before V8.
ALTER TABLE `ControlRun` ADD COLUMN `Mode` VARCHAR(16) NULL;
