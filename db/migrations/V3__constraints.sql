-- Placement constraints (issue 13): what XAPI says about where a VM may run and whether it may move.
-- Names and tags follow V2: MEDIUMTEXT (XAPI sets no limit), so tag tables have an index on the owner's uuid
-- instead of a primary key with the tag in it; the collector writes a set per owner, so no duplicates arise.

-- The host's XAPI tags; host labels are tags xcp-balancer:label=LABEL.
CREATE TABLE `HostTag` (
  `HostUuid`            VARCHAR(64)  NOT NULL,
  `Tag`                 MEDIUMTEXT   NOT NULL,
  CONSTRAINT FK_HostTag_Host FOREIGN KEY (`HostUuid`) REFERENCES `Host` (`UUID`) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX IX_HostTag_HostUuid ON `HostTag` (`HostUuid`);

-- XAPI's VM_group. Placement: anti_affinity or normal (as XAPI spells it).
CREATE TABLE `VmGroup` (
  `UUID`                VARCHAR(64)  NOT NULL,
  `PoolId`              INT          NOT NULL,
  `Name`                MEDIUMTEXT   NULL,
  `Placement`           VARCHAR(32)  NOT NULL,
  PRIMARY KEY (`UUID`),
  CONSTRAINT FK_VmGroup_Pool FOREIGN KEY (`PoolId`) REFERENCES `Pool` (`Id`) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX IX_VmGroup_PoolId ON `VmGroup` (`PoolId`);

-- XAPI's VM.groups, one row per (group, VM).
CREATE TABLE `VmGroupMember` (
  `GroupUuid`           VARCHAR(64)  NOT NULL,
  `VmUuid`              VARCHAR(64)  NOT NULL,
  PRIMARY KEY (`GroupUuid`, `VmUuid`),
  CONSTRAINT FK_VmGroupMember_Group FOREIGN KEY (`GroupUuid`) REFERENCES `VmGroup` (`UUID`) ON DELETE CASCADE,
  CONSTRAINT FK_VmGroupMember_Vm FOREIGN KEY (`VmUuid`) REFERENCES `Vm` (`UUID`) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX IX_VmGroupMember_VmUuid ON `VmGroupMember` (`VmUuid`);

-- Migratable: allowed_operations contains pool_migrate. Passthrough: NULL, 'pci' or 'vgpu'.
-- CurrentOperation: NULL when current_operations is empty, else one of its values (e.g. pool_migrate).
-- HaRestartPriority: 'restart', 'best-effort' or '' as XAPI has it. AffinityHostUuid: VM.affinity, NULL for none.
ALTER TABLE `Vm` ADD COLUMN `Migratable`        BOOLEAN      NOT NULL DEFAULT TRUE;
ALTER TABLE `Vm` ADD COLUMN `Passthrough`       VARCHAR(16)  NULL;
ALTER TABLE `Vm` ADD COLUMN `CurrentOperation`  VARCHAR(64)  NULL;
ALTER TABLE `Vm` ADD COLUMN `HaRestartPriority` VARCHAR(32)  NOT NULL DEFAULT '';
ALTER TABLE `Vm` ADD COLUMN `AffinityHostUuid`  VARCHAR(64)  NULL;

-- Pool HA as XAPI reports it; RollingUpgrade: other_config has rolling_upgrade_in_progress.
ALTER TABLE `Pool` ADD COLUMN `HaEnabled`                BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE `Pool` ADD COLUMN `HaHostFailuresToTolerate` BIGINT  NOT NULL DEFAULT 0;
ALTER TABLE `Pool` ADD COLUMN `HaPlanExistsFor`          BIGINT  NOT NULL DEFAULT 0;
ALTER TABLE `Pool` ADD COLUMN `HaAllowOvercommit`        BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE `Pool` ADD COLUMN `RollingUpgrade`           BOOLEAN NOT NULL DEFAULT FALSE;
