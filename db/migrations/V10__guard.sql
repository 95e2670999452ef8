-- xcp-guard (issue 15, docs/guard.md): what it knows of each pool's hosts and protected VMs, and every action it
-- took or would have taken. Pools are named by their XAPI uuid (the guard reads XAPI itself; the collector need
-- not have run). Every time is UTC. A planned GuardAction row is written before its XAPI call or fence command, so
-- a guard restarted after a crash sees what its predecessor may have begun and never repeats it blindly.

-- One row per pool: the latest check and the things said once (XAPI's own HA in charge, master unreachable).
CREATE TABLE `GuardPool` (
  `PoolUuid`                VARCHAR(64)  NOT NULL,
  `PoolName`                VARCHAR(255) NULL,
  `LastCheckAt`             DATETIME(3)  NULL,
  -- ok | stand_down (pool.ha_enabled) | master_unreachable | failed | dry_run
  `LastCheckOutcome`        VARCHAR(24)  NULL,
  `LastCheckOwner`          VARCHAR(255) NULL,
  -- set while pool.ha_enabled is true (the stand-down is said once, when this goes from NULL to a time)
  `HaStandDownSince`        DATETIME(3)  NULL,
  `MasterUnreachableSince`  DATETIME(3)  NULL,
  PRIMARY KEY (`PoolUuid`)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One row per host of a guarded pool.
-- State: up | suspected (missed 1..guard.deadChecks-1 checks) | dead (missed guard.deadChecks, not yet proven off)
--        | partitioned (XAPI says not live but its address answers: alert only) | fence_failed (the fence command
--        failed: retried next check) | fenced (proven off: by the fence command or an operator's confirmation)
--        | confirmed_down (an operator's CONFIRM HOST DOWN, before the guard acted on it).
CREATE TABLE `GuardHost` (
  `PoolUuid`                VARCHAR(64)  NOT NULL,
  `HostUuid`                VARCHAR(64)  NOT NULL,
  `HostName`                VARCHAR(255) NULL,
  `State`                   VARCHAR(24)  NOT NULL DEFAULT 'up',
  `MissedChecks`            INT          NOT NULL DEFAULT 0,
  `FirstMissedAt`           DATETIME(3)  NULL,
  `LastCheckedAt`           DATETIME(3)  NULL,
  `DeclaredDeadAt`          DATETIME(3)  NULL,
  `FencedAt`                DATETIME(3)  NULL,
  -- command | operator
  `FencedBy`                VARCHAR(16)  NULL,
  -- written by xcp-manager's CONFIRM HOST DOWN (who: the operator's user name and terminal); cleared when the
  -- host is up again, so an old confirmation never fences a later failure
  `ConfirmedBy`             VARCHAR(255) NULL,
  `ConfirmedAt`             DATETIME(3)  NULL,
  -- why the host is in its state (last check), e.g. "address 10.0.0.12:443 refused; host_metrics.live false"
  `Reason`                  TEXT         NULL,
  `RecoveredAt`             DATETIME(3)  NULL,
  PRIMARY KEY (`PoolUuid`, `HostUuid`)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One row per protected VM that needed the guard once (a crash, a hang, a dead host): where it is on its ladder.
-- LadderStep: none | reboot | restart | give_up (docs/guard.md, "The ladder"); Problem: crashed | hung | host_dead.
CREATE TABLE `GuardVm` (
  `PoolUuid`                VARCHAR(64)  NOT NULL,
  `VmUuid`                  VARCHAR(64)  NOT NULL,
  `VmName`                  VARCHAR(255) NULL,
  `LadderStep`              VARCHAR(24)  NOT NULL DEFAULT 'none',
  `Problem`                 VARCHAR(24)  NULL,
  `ProblemSince`            DATETIME(3)  NULL,
  `LastAction`              VARCHAR(32)  NULL,
  `LastActionAt`            DATETIME(3)  NULL,
  -- the next ladder step is not taken before this time (guard.ladderWait after the last one)
  `NextStepAt`              DATETIME(3)  NULL,
  `HealthySince`            DATETIME(3)  NULL,
  `Attempts`                INT          NOT NULL DEFAULT 0,
  `RestartedOnHostUuid`     VARCHAR(64)  NULL,
  `RestartedOnHostName`     VARCHAR(255) NULL,
  `GaveUpAt`                DATETIME(3)  NULL,
  -- the power state XAPI recorded at the last check (for SHOW GUARD without XAPI)
  `PowerState`              VARCHAR(16)  NULL,
  -- the last "would act but..." said of this VM, so that a reason is stored once and again only when it changes
  `LastNote`                TEXT         NULL,
  `UpdatedAt`               DATETIME(3)  NULL,
  PRIMARY KEY (`PoolUuid`, `VmUuid`)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Every action and every "would act but...": fence, power_state_reset, start_on, hard_reboot, alert, wait, no_room,
-- stand_down, ... Outcome: planned (written before the call) | launched | done | failed | dry_run | waiting | alert.
-- Owner: the process (host:pid) or xcp-service instance that wrote it.
CREATE TABLE `GuardAction` (
  `Id`                      BIGINT       NOT NULL AUTO_INCREMENT,
  `PoolUuid`                VARCHAR(64)  NOT NULL,
  `At`                      DATETIME(3)  NOT NULL,
  `FinishedAt`              DATETIME(3)  NULL,
  `HostUuid`                VARCHAR(64)  NULL,
  `HostName`                VARCHAR(255) NULL,
  `VmUuid`                  VARCHAR(64)  NULL,
  `VmName`                  VARCHAR(255) NULL,
  -- start_on / restart: the host chosen
  `TargetHostUuid`          VARCHAR(64)  NULL,
  `TargetHostName`          VARCHAR(255) NULL,
  `Action`                  VARCHAR(32)  NOT NULL,
  `Outcome`                 VARCHAR(16)  NOT NULL,
  -- why; a fence command's output (credentials masked) is kept here
  `Reason`                  TEXT         NULL,
  `DryRun`                  BOOLEAN      NOT NULL DEFAULT FALSE,
  `Owner`                   VARCHAR(255) NULL,
  PRIMARY KEY (`Id`)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX IX_GuardAction_Pool_At ON `GuardAction` (`PoolUuid`, `At`);
CREATE INDEX IX_GuardAction_Vm ON `GuardAction` (`VmUuid`, `At`);
CREATE INDEX IX_GuardAction_Outcome ON `GuardAction` (`PoolUuid`, `Outcome`);
