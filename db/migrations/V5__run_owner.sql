-- Issue 11 / 16 item 6: which process a run belongs to, so that a run whose process is gone (kill -9, a crash,
-- a reboot) is marked 'abandoned' by the next run on that host instead of staying 'running' for ever.
-- Host: the host name; Pid: the process id; ProcessStartedAt: when that process started (UTC), so that a pid
-- the system has since given to another process is not taken for the run's. NULL in rows written before V5.
ALTER TABLE `CollectionRun`
  ADD COLUMN `Host`             VARCHAR(255) NULL,
  ADD COLUMN `Pid`              BIGINT       NULL,
  ADD COLUMN `ProcessStartedAt` DATETIME(3)  NULL;

ALTER TABLE `ControlRun`
  ADD COLUMN `Host`             VARCHAR(255) NULL,
  ADD COLUMN `Pid`              BIGINT       NULL,
  ADD COLUMN `ProcessStartedAt` DATETIME(3)  NULL;

-- The next run looks for its host's runs still marked running.
CREATE INDEX IX_CollectionRun_Outcome_Host ON `CollectionRun` (`Outcome`, `Host`);
CREATE INDEX IX_ControlRun_Outcome_Host ON `ControlRun` (`Outcome`, `Host`);
