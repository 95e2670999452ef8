-- xcp-balancer schema, version 1.
--
-- The first four tables keep the original tool's exact table and column names (Host, Vm, Map, HostRule),
-- so SQL written against the university tool keeps working. Columns added beside them (PoolId, UpdatedAt, ...)
-- come after the original ones and have defaults or are nullable, so column-listed INSERTs still work.
--
-- Conventions: every time is UTC, DATETIME(3). Units are in column names (Mb = megabytes, Kb = kilobytes/s,
-- CpuAverage and VcpuAverage = percent 0..100). A NULL metric means "not measured", never zero.
-- This file is read by Flyway at run time and by jOOQ's DDLDatabase at build time: keep to plain DDL.

-- Several pools may share one database; each current-state row belongs to one.
CREATE TABLE `Pool` (
  `Id`                  INT          NOT NULL AUTO_INCREMENT,
  `UUID`                VARCHAR(64)  NOT NULL,
  `Name`                VARCHAR(255) NOT NULL,
  `MasterAddress`       VARCHAR(255) NULL,
  `LastCollectedAt`     DATETIME(3)  NULL,
  PRIMARY KEY (`Id`),
  CONSTRAINT UK_Pool_UUID UNIQUE (`UUID`)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE `Host` (
  `UUID`                VARCHAR(64)  NOT NULL,
  `MemoryTotalMb`       BIGINT       NULL,
  `MemoryFreeMb`        BIGINT       NULL,
  `XapiMemoryUsageMb`   BIGINT       NULL,
  `XapiFreeMemoryMb`    BIGINT       NULL,
  `PifLoRxKb`           DOUBLE       NULL,
  `PifLoTxKb`           DOUBLE       NULL,
  `PifEth0RxKb`         DOUBLE       NULL,
  `PifEth0TxKb`         DOUBLE       NULL,
  `Dom0LoadAvg`         DOUBLE       NULL,
  `CpuAverage`          DOUBLE       NULL,
  `Ip`                  VARCHAR(255) NULL,
  `CpuNum`              INT          NULL,
  `Name`                VARCHAR(255) NULL,
  -- added by xcp-balancer
  `PoolId`              INT          NULL,
  `Enabled`             BOOLEAN      NOT NULL DEFAULT TRUE,
  `Live`                BOOLEAN      NULL,
  `MetricsAt`           DATETIME(3)  NULL,
  `UpdatedAt`           DATETIME(3)  NULL,
  PRIMARY KEY (`UUID`),
  CONSTRAINT FK_Host_Pool FOREIGN KEY (`PoolId`) REFERENCES `Pool` (`Id`) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE `Vm` (
  `UUID`                 VARCHAR(64)  NOT NULL,
  `MemoryMb`             BIGINT       NULL,
  `MemoryInternalFreeMb` BIGINT       NULL,
  `Vif0TxKb`             DOUBLE       NULL,
  `Vif0RxKb`             DOUBLE       NULL,
  `VcpuAverage`          DOUBLE       NULL,
  `VcpuNum`              INT          NULL,
  `PowerState`           VARCHAR(32)  NULL,
  `IsControlDomain`      BOOLEAN      NULL,
  `Name`                 VARCHAR(255) NULL,
  -- added by xcp-balancer
  `PoolId`               INT          NULL,
  `MetricsAt`            DATETIME(3)  NULL,
  `UpdatedAt`            DATETIME(3)  NULL,
  PRIMARY KEY (`UUID`),
  CONSTRAINT FK_Vm_Pool FOREIGN KEY (`PoolId`) REFERENCES `Pool` (`Id`) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One row per running VM (control domains included): the host it is resident on.
CREATE TABLE `Map` (
  `HostUuid`            VARCHAR(64)  NOT NULL,
  `VmUuid`              VARCHAR(64)  NOT NULL,
  PRIMARY KEY (`VmUuid`),
  CONSTRAINT FK_Map_Host FOREIGN KEY (`HostUuid`) REFERENCES `Host` (`UUID`) ON DELETE CASCADE,
  CONSTRAINT FK_Map_Vm FOREIGN KEY (`VmUuid`) REFERENCES `Vm` (`UUID`) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX IX_Map_HostUuid ON `Map` (`HostUuid`);

-- The VM's XAPI tags (e.g. xcp-balancer:ignore), one row per tag.
CREATE TABLE `VmTag` (
  `VmUuid`              VARCHAR(64)  NOT NULL,
  `Tag`                 VARCHAR(255) NOT NULL,
  PRIMARY KEY (`VmUuid`, `Tag`),
  CONSTRAINT FK_VmTag_Vm FOREIGN KEY (`VmUuid`) REFERENCES `Vm` (`UUID`) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- "Balance when a host's <Subject> is more than <Threshold> above the pool average."
-- Subject: CpuAverage (percentage points), OccupiedMemoryMb (MB), PifEth0RxKb / PifEth0TxKb (Kb/s).
CREATE TABLE `HostRule` (
  `Subject`             VARCHAR(32)  NOT NULL,
  `Threshold`           DOUBLE       NOT NULL,
  -- added by xcp-balancer
  `PoolId`              INT          NOT NULL,
  `CreatedAt`           DATETIME(3)  NULL,
  PRIMARY KEY (`PoolId`, `Subject`),
  CONSTRAINT FK_HostRule_Pool FOREIGN KEY (`PoolId`) REFERENCES `Pool` (`Id`) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- History: one sample per host and per running VM per collection ('raw'), thinned into 'hour' averages.
-- No foreign keys: history outlives hosts and VMs that leave the pool.
CREATE TABLE `HostSample` (
  `PoolId`              INT          NOT NULL,
  `HostUuid`            VARCHAR(64)  NOT NULL,
  `Resolution`          VARCHAR(8)   NOT NULL,
  `SampledAt`           DATETIME(3)  NOT NULL,
  `MemoryTotalMb`       BIGINT       NULL,
  `MemoryFreeMb`        BIGINT       NULL,
  `XapiMemoryUsageMb`   BIGINT       NULL,
  `XapiFreeMemoryMb`    BIGINT       NULL,
  `PifLoRxKb`           DOUBLE       NULL,
  `PifLoTxKb`           DOUBLE       NULL,
  `PifEth0RxKb`         DOUBLE       NULL,
  `PifEth0TxKb`         DOUBLE       NULL,
  `Dom0LoadAvg`         DOUBLE       NULL,
  `CpuAverage`          DOUBLE       NULL,
  `VmCount`             INT          NULL,
  PRIMARY KEY (`HostUuid`, `Resolution`, `SampledAt`)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX IX_HostSample_Pool_Time ON `HostSample` (`PoolId`, `Resolution`, `SampledAt`);

CREATE TABLE `VmSample` (
  `PoolId`               INT          NOT NULL,
  `VmUuid`               VARCHAR(64)  NOT NULL,
  `HostUuid`             VARCHAR(64)  NULL,
  `Resolution`           VARCHAR(8)   NOT NULL,
  `SampledAt`            DATETIME(3)  NOT NULL,
  `MemoryMb`             BIGINT       NULL,
  `MemoryInternalFreeMb` BIGINT       NULL,
  `Vif0TxKb`             DOUBLE       NULL,
  `Vif0RxKb`             DOUBLE       NULL,
  `VcpuAverage`          DOUBLE       NULL,
  `VcpuNum`              INT          NULL,
  PRIMARY KEY (`VmUuid`, `Resolution`, `SampledAt`)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX IX_VmSample_Pool_Time ON `VmSample` (`PoolId`, `Resolution`, `SampledAt`);

-- One row per xcp-collect run. Outcome: running, success, partial (some metrics missing), failed.
CREATE TABLE `CollectionRun` (
  `Id`                  BIGINT       NOT NULL AUTO_INCREMENT,
  `PoolId`              INT          NULL,
  `StartedAt`           DATETIME(3)  NOT NULL,
  `FinishedAt`          DATETIME(3)  NULL,
  `Outcome`             VARCHAR(16)  NOT NULL,
  `HostCount`           INT          NULL,
  `VmCount`             INT          NULL,
  `XapiRequests`        INT          NULL,
  `Warnings`            TEXT         NULL,
  `Error`               TEXT         NULL,
  PRIMARY KEY (`Id`)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX IX_CollectionRun_Pool_Time ON `CollectionRun` (`PoolId`, `StartedAt`);

-- One row per xcp-control run. Outcome: running, balanced, migrated, blocked, failed, timeout.
CREATE TABLE `ControlRun` (
  `Id`                  BIGINT       NOT NULL AUTO_INCREMENT,
  `PoolId`              INT          NULL,
  `StartedAt`           DATETIME(3)  NOT NULL,
  `FinishedAt`          DATETIME(3)  NULL,
  `DryRun`              BOOLEAN      NOT NULL DEFAULT FALSE,
  `Outcome`             VARCHAR(16)  NOT NULL,
  `Summary`             TEXT         NULL,
  PRIMARY KEY (`Id`)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX IX_ControlRun_Pool_Time ON `ControlRun` (`PoolId`, `StartedAt`);

-- Every decision xcp-control takes, including "violation seen but nothing moved because ...".
CREATE TABLE `ControlDecision` (
  `Id`                  BIGINT       NOT NULL AUTO_INCREMENT,
  `RunId`               BIGINT       NOT NULL,
  `PoolId`              INT          NULL,
  `DecidedAt`           DATETIME(3)  NOT NULL,
  `RuleSubject`         VARCHAR(32)  NULL,
  `RuleThreshold`       DOUBLE       NULL,
  `HostUuid`            VARCHAR(64)  NULL,
  `VmUuid`              VARCHAR(64)  NULL,
  `Action`              VARCHAR(16)  NOT NULL,
  `Reason`              TEXT         NOT NULL,
  PRIMARY KEY (`Id`),
  CONSTRAINT FK_ControlDecision_Run FOREIGN KEY (`RunId`) REFERENCES `ControlRun` (`Id`) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- The migration log: written before launch (State planned -> launched, with the task ref) and after
-- completion, so a restarted controller follows in-flight tasks instead of launching them again.
-- State: planned, launched, succeeded, failed, timeout, cancelled.
CREATE TABLE `Migration` (
  `Id`                         BIGINT       NOT NULL AUTO_INCREMENT,
  `PoolId`                     INT          NOT NULL,
  `RunId`                      BIGINT       NULL,
  `VmUuid`                     VARCHAR(64)  NOT NULL,
  `VmName`                     VARCHAR(255) NULL,
  `SourceHostUuid`             VARCHAR(64)  NOT NULL,
  `SourceHostName`             VARCHAR(255) NULL,
  `DestinationHostUuid`        VARCHAR(64)  NOT NULL,
  `DestinationHostName`        VARCHAR(255) NULL,
  `RuleSubject`                VARCHAR(32)  NULL,
  `RuleThreshold`              DOUBLE       NULL,
  `Reason`                     TEXT         NULL,
  `PredictedSourceBefore`      DOUBLE       NULL,
  `PredictedSourceAfter`       DOUBLE       NULL,
  `PredictedDestinationBefore` DOUBLE       NULL,
  `PredictedDestinationAfter`  DOUBLE       NULL,
  `MeasuredSourceAfter`        DOUBLE       NULL,
  `MeasuredDestinationAfter`   DOUBLE       NULL,
  `TaskRef`                    VARCHAR(128) NULL,
  `State`                      VARCHAR(16)  NOT NULL,
  `XapiError`                  TEXT         NULL,
  `CreatedAt`                  DATETIME(3)  NOT NULL,
  `LaunchedAt`                 DATETIME(3)  NULL,
  `FinishedAt`                 DATETIME(3)  NULL,
  `DurationMs`                 BIGINT       NULL,
  PRIMARY KEY (`Id`)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX IX_Migration_Pool_State ON `Migration` (`PoolId`, `State`);
CREATE INDEX IX_Migration_Vm_Time ON `Migration` (`VmUuid`, `CreatedAt`);
CREATE INDEX IX_Migration_Pool_Time ON `Migration` (`PoolId`, `CreatedAt`);
