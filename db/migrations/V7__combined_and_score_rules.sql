-- Combined (AND) and weighted score (SCORE) host rules (issue 14). A single-subject rule stays a row of the
-- original HostRule table, so SQL written against the university tool keeps reading it; a rule of several
-- subjects is one HostRuleSet row and one HostRulePart row per subject:
--   CREATE RULE HOST CpuAverage 25 AND OccupiedMemoryPercent 20
--     HostRuleSet (Kind 'AND', Threshold NULL), parts (CpuAverage, Threshold 25), (OccupiedMemoryPercent, 20):
--     a host violates it when every part is more than its threshold above the pool average.
--   CREATE RULE HOST SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 15
--     HostRuleSet (Kind 'SCORE', Threshold 15), parts (CpuAverage, Weight 0.7), (OccupiedMemoryPercent, 0.3):
--     the score is the weighted average of the (percentage) subjects, weights divided by their sum; a host
--     violates it when its score is more than Threshold percentage points above the pool's average score.
-- Identity is the kind and the set of subjects (Subjects: the subject names in RuleSubject order, joined by
-- '+'): a new rule on the same subjects replaces the old one, as a new HostRule on a subject does.
CREATE TABLE `HostRuleSet` (
  `Id`                  INT          NOT NULL AUTO_INCREMENT,
  `PoolId`              INT          NOT NULL,
  `Kind`                VARCHAR(8)   NOT NULL,
  `Subjects`            VARCHAR(255) NOT NULL,
  `Threshold`           DOUBLE       NULL,
  `CreatedAt`           DATETIME(3)  NULL,
  PRIMARY KEY (`Id`),
  CONSTRAINT UK_HostRuleSet_Pool_Kind_Subjects UNIQUE (`PoolId`, `Kind`, `Subjects`),
  CONSTRAINT FK_HostRuleSet_Pool FOREIGN KEY (`PoolId`) REFERENCES `Pool` (`Id`) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Position: the order the administrator typed the parts in (kept for SHOW RULES HOST).
CREATE TABLE `HostRulePart` (
  `RuleSetId`           INT          NOT NULL,
  `Position`            INT          NOT NULL,
  `Subject`             VARCHAR(32)  NOT NULL,
  `Threshold`           DOUBLE       NULL,
  `Weight`              DOUBLE       NULL,
  PRIMARY KEY (`RuleSetId`, `Position`),
  CONSTRAINT FK_HostRulePart_Set FOREIGN KEY (`RuleSetId`) REFERENCES `HostRuleSet` (`Id`) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Decisions and migrations name the rule that caused them by its console form ("CpuAverage 25 AND
-- OccupiedMemoryPercent 20", "SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 15"), which is longer than
-- a subject. Single-subject rules keep writing the subject alone.
ALTER TABLE `ControlDecision` MODIFY `RuleSubject` VARCHAR(255) NULL;
ALTER TABLE `Migration` MODIFY `RuleSubject` VARCHAR(255) NULL;
