-- Names and tags of any length (issue 16): XAPI sets no limit on a name_label or a tag, and one VM whose name
-- did not fit VARCHAR(255) made the whole pool's collection fail. MEDIUMTEXT holds 16 MB; utf8mb4 (set on every
-- table) holds emoji. A TEXT column can be in a key only by a prefix, so VmTag's primary key (VmUuid, Tag)
-- becomes an index on VmUuid (what every query and the foreign key use). XAPI's tags are a set per VM and the
-- collector writes only the differences, so no duplicate rows arise; a unique prefix would instead refuse two
-- long tags sharing their first characters.

ALTER TABLE `Pool` MODIFY `Name` MEDIUMTEXT NOT NULL;
ALTER TABLE `Host` MODIFY `Name` MEDIUMTEXT NULL;
ALTER TABLE `Vm` MODIFY `Name` MEDIUMTEXT NULL;

CREATE INDEX IX_VmTag_VmUuid ON `VmTag` (`VmUuid`);
ALTER TABLE `VmTag` DROP PRIMARY KEY;
ALTER TABLE `VmTag` MODIFY `Tag` MEDIUMTEXT NOT NULL;

ALTER TABLE `Migration` MODIFY `VmName` MEDIUMTEXT NULL;
ALTER TABLE `Migration` MODIFY `SourceHostName` MEDIUMTEXT NULL;
ALTER TABLE `Migration` MODIFY `DestinationHostName` MEDIUMTEXT NULL;
