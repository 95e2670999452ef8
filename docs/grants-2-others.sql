-- Least-privilege accounts for xcp-balancer, step 2 of 2, after xcp-collect has created the schema.
-- xcp-manager and xcp-control find the schema up to date at start and only read it, writing their own tables.
--   mysql -u root -p < docs/grants-2-others.sql

CREATE USER IF NOT EXISTS 'xcp_manager'@'%' IDENTIFIED BY 'manager-password';
GRANT SELECT ON Xen.* TO 'xcp_manager'@'%';
GRANT INSERT, UPDATE, DELETE ON Xen.HostRule TO 'xcp_manager'@'%';
-- PAUSE BALANCING / RESUME BALANCING
GRANT INSERT, UPDATE ON Xen.PoolPause TO 'xcp_manager'@'%';
-- CONFIRM HOST DOWN (xcp-guard's operator confirmation): the host's row and the action saying who confirmed
GRANT UPDATE ON Xen.GuardHost TO 'xcp_manager'@'%';
GRANT INSERT ON Xen.GuardAction TO 'xcp_manager'@'%';
-- EVACUATE HOST / ENABLE HOST record requests that the pool's controller carries out
GRANT INSERT, UPDATE, DELETE ON Xen.HostMaintenance TO 'xcp_manager'@'%';

CREATE USER IF NOT EXISTS 'xcp_control'@'%' IDENTIFIED BY 'control-password';
GRANT SELECT ON Xen.* TO 'xcp_control'@'%';
GRANT INSERT, UPDATE ON Xen.ControlRun TO 'xcp_control'@'%';
GRANT INSERT, UPDATE ON Xen.ControlDecision TO 'xcp_control'@'%';
GRANT INSERT, UPDATE ON Xen.Migration TO 'xcp_control'@'%';
-- maintenance: --evacuate / --enable record requests; every run records how far each evacuation got
GRANT INSERT, UPDATE, DELETE ON Xen.HostMaintenance TO 'xcp_control'@'%';
GRANT INSERT, UPDATE, DELETE ON Xen.HostMaintenanceVm TO 'xcp_control'@'%';

-- xcp-guard (docs/guard.md): reads XAPI for the pool, writes only its own tables.
CREATE USER IF NOT EXISTS 'xcp_guard'@'%' IDENTIFIED BY 'guard-password';
GRANT SELECT ON Xen.* TO 'xcp_guard'@'%';
GRANT INSERT, UPDATE ON Xen.GuardPool TO 'xcp_guard'@'%';
GRANT INSERT, UPDATE ON Xen.GuardHost TO 'xcp_guard'@'%';
GRANT INSERT, UPDATE ON Xen.GuardVm TO 'xcp_guard'@'%';
GRANT INSERT, UPDATE ON Xen.GuardAction TO 'xcp_guard'@'%';

-- SQL reports: read-only.
CREATE USER IF NOT EXISTS 'xcp_report'@'%' IDENTIFIED BY 'report-password';
GRANT SELECT ON Xen.* TO 'xcp_report'@'%';
