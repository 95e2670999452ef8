-- Least-privilege accounts for xcp-balancer, step 1 of 2: the database and xcp-collect's account.
-- Replace Xen (the database), the host part ('%') and the password; run as an administrator:
--   mysql -u root -p < docs/grants-1-collect.sql
-- xcp-collect owns the schema: it brings it up to date at every start (Flyway), so it gets DDL rights on the
-- database. Run xcp-collect once (it creates the tables), then step 2 (docs/grants-2-others.sql): MySQL grants
-- rights on a table only once the table exists.
-- (GrantsTest runs both files as written and checks that each account can do its job and nothing more.)

CREATE DATABASE IF NOT EXISTS Xen CHARACTER SET utf8mb4;

CREATE USER IF NOT EXISTS 'xcp_collect'@'%' IDENTIFIED BY 'collect-password';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, REFERENCES ON Xen.* TO 'xcp_collect'@'%';
