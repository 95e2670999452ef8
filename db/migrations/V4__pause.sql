-- Balancing paused by an administrator (issue 11): PAUSE BALANCING [FOR duration] [REASON text] in xcp-manager
-- writes a row, RESUME BALANCING closes it (ResumedAt, ResumedBy), so the table is also the pauses' history.
-- A pool is paused while its newest row has no ResumedAt and PausedUntil is NULL (until resumed) or in the
-- future: an expired pause is no pause. PausedBy/ResumedBy: the OS user who typed the command.
CREATE TABLE `PoolPause` (
  `Id`                  BIGINT       NOT NULL AUTO_INCREMENT,
  `PoolId`              INT          NOT NULL,
  `PausedAt`            DATETIME(3)  NOT NULL,
  `PausedUntil`         DATETIME(3)  NULL,
  `PausedBy`            VARCHAR(255) NOT NULL,
  `Reason`              MEDIUMTEXT   NULL,
  `ResumedAt`           DATETIME(3)  NULL,
  `ResumedBy`           VARCHAR(255) NULL,
  PRIMARY KEY (`Id`),
  CONSTRAINT FK_PoolPause_Pool FOREIGN KEY (`PoolId`) REFERENCES `Pool` (`Id`) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX IX_PoolPause_Pool_Time ON `PoolPause` (`PoolId`, `PausedAt`);
