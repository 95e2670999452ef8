-- xcp-service (docs/operations.md, "The service"): instances share the pools through leases, fenced by an epoch.
-- Every time is the database's clock (NOW(3)), never an instance's. Nothing here relies on GET_LOCK, which
-- Galera does not replicate: only conditional, transactional UPDATEs.

-- One row per running xcp-service instance, renewed with its leases: the live ones share the pools evenly.
CREATE TABLE `ServiceInstance` (
  `Name`        VARCHAR(128) NOT NULL,
  `Host`        VARCHAR(255) NULL,
  `StartedAt`   DATETIME(3)  NOT NULL,
  `HeartbeatAt` DATETIME(3)  NOT NULL,
  `ExpiresAt`   DATETIME(3)  NOT NULL,
  PRIMARY KEY (`Name`)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One row per configured pool (pools.d/NAME.properties): who owns it, under which epoch, until when.
-- Epoch grows by one at every change of owner; a migration is launched only while its epoch is the current one.
CREATE TABLE `PoolLease` (
  `PoolName`   VARCHAR(128) NOT NULL,
  `PoolUuid`   VARCHAR(64)  NULL,
  `Owner`      VARCHAR(128) NULL,
  `Epoch`      BIGINT       NOT NULL DEFAULT 0,
  `GrantedAt`  DATETIME(3)  NULL,
  `RenewedAt`  DATETIME(3)  NULL,
  `ExpiresAt`  DATETIME(3)  NOT NULL,
  `FencedAt`   DATETIME(3)  NULL,
  PRIMARY KEY (`PoolName`)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX IX_PoolLease_Uuid ON `PoolLease` (`PoolUuid`);

-- Every grant of a lease, for operators and for the checks that no migration was launched under a stale epoch.
CREATE TABLE `PoolLeaseGrant` (
  `Id`            BIGINT       NOT NULL AUTO_INCREMENT,
  `PoolName`      VARCHAR(128) NOT NULL,
  `Epoch`         BIGINT       NOT NULL,
  `Owner`         VARCHAR(128) NOT NULL,
  `PreviousOwner` VARCHAR(128) NULL,
  `GrantedAt`     DATETIME(3)  NOT NULL,
  PRIMARY KEY (`Id`),
  UNIQUE KEY UX_PoolLeaseGrant_Epoch (`PoolName`, `Epoch`)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- The lease epoch under which a migration was allowed to launch (NULL: a one-shot xcp-control, no lease).
ALTER TABLE `Migration` ADD COLUMN `LeaseEpoch` BIGINT NULL;
