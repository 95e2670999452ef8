package org.xcpbalancer.core.settings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one registry of settings keys. Validation, environment overrides and settings.properties.example
 * (see {@link SettingsExample}) all come from here, so a key's default is written once. Each module adds its
 * keys in its own section.
 */
public final class SettingKeys {
    private static final Map<String, SettingKey<?>> ALL = new LinkedHashMap<>();

    // ---- xapi: the pool master ----
    public static final SettingKey<URI> XAPI_URL = add(SettingKey.httpUrl("xapi.url",
            "The pool master, https://HOST or http://HOST[:PORT]. A slave's address works too: the programs follow HOST_IS_SLAVE to the master."));
    public static final SettingKey<String> XAPI_USERNAME = add(SettingKey.string("xapi.username", "root",
            "XAPI user name."));
    public static final SettingKey<Secret> XAPI_PASSWORD = add(SettingKey.secret("xapi.password",
            "XAPI password. Prefer xapi.passwordFile or the XCP_XAPI_PASSWORD environment variable."));
    public static final SettingKey<Path> XAPI_PASSWORD_FILE = add(SettingKey.path("xapi.passwordFile", null,
            "File whose first line is the XAPI password (instead of xapi.password)."));
    public static final SettingKey<Path> XAPI_TRUSTSTORE = add(SettingKey.path("xapi.truststore", null,
            "https only: a PKCS12 or JKS truststore holding the pool's certificate or its CA. Default: the system trust store."));
    public static final SettingKey<Secret> XAPI_TRUSTSTORE_PASSWORD = add(SettingKey.secret("xapi.truststorePassword",
            "Password of xapi.truststore, if it has one."));
    public static final SettingKey<String> XAPI_CERTIFICATE_SHA256 = add(SettingKey.string("xapi.certificateSha256", null,
            "https only: pin the hosts' certificates by SHA-256 fingerprint (hex, colons optional; comma-separated, one per host, since metrics are read from every host), as XCP-ng installs self-signed certificates."));
    public static final SettingKey<Duration> XAPI_CONNECT_TIMEOUT = add(SettingKey.duration("xapi.connectTimeout",
            Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(10), "How long to wait for a connection to the pool."));
    public static final SettingKey<Duration> XAPI_REPLY_TIMEOUT = add(SettingKey.duration("xapi.replyTimeout",
            Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofHours(1), "How long to wait for the answer to one XAPI call."));

    // ---- db: the MySQL / MariaDB database ----
    public static final SettingKey<String> DB_URL = add(SettingKey.jdbcUrl("db.url",
            "JDBC URL of the database, jdbc:mysql://HOST[:PORT]/DATABASE (the original tool's database is Xen)."));
    public static final SettingKey<String> DB_USERNAME = add(SettingKey.string("db.username", "xcp",
            "Database user (see docs/operations.md for the least-privilege grants of each program)."));
    public static final SettingKey<Secret> DB_PASSWORD = add(SettingKey.secret("db.password",
            "Database password. Prefer db.passwordFile or the XCP_DB_PASSWORD environment variable."));
    public static final SettingKey<Path> DB_PASSWORD_FILE = add(SettingKey.path("db.passwordFile", null,
            "File whose first line is the database password (instead of db.password)."));
    public static final SettingKey<Integer> DB_MAX_POOL_SIZE = add(SettingKey.integer("db.maxPoolSize", 4, 1, 64,
            "connections", "Most database connections one program holds."));
    public static final SettingKey<Duration> DB_CONNECT_TIMEOUT = add(SettingKey.duration("db.connectTimeout",
            Duration.ofSeconds(10), Duration.ofMillis(250), Duration.ofMinutes(10), "How long to wait for a database connection."));
    public static final SettingKey<Duration> DB_SOCKET_TIMEOUT = add(SettingKey.duration("db.socketTimeout",
            Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1),
            "How long one database statement may wait for an answer. A server or network that stops answering (even mid-transaction) then ends the run with exit 5 instead of hanging it; nothing of the run is committed."));

    // ---- collect: xcp-collect ----
    public static final SettingKey<Duration> COLLECT_RRD_TIMEOUT = add(SettingKey.duration("collect.rrdTimeout",
            Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(10),
            "How long to wait for one host's /rrd_updates; a host that takes longer gets NULL metrics for this run."));
    public static final SettingKey<Duration> COLLECT_RUN_TIMEOUT = add(SettingKey.duration("collect.runTimeout",
            Duration.ofMinutes(3), Duration.ofSeconds(10), Duration.ofHours(1),
            "A one-shot run that has not ended after this long stops itself with one line and exit 5 (the previous picture is kept), so a stuck run never piles up under cron."));
    public static final SettingKey<Duration> COLLECT_RAW_RETENTION = add(SettingKey.duration("collect.rawRetention",
            Duration.ofDays(7), Duration.ofHours(1), Duration.ofDays(3650), "How long every collected sample is kept before it is thinned to hourly averages."));
    public static final SettingKey<Duration> COLLECT_HOURLY_RETENTION = add(SettingKey.duration("collect.hourlyRetention",
            Duration.ofDays(365), Duration.ofDays(1), Duration.ofDays(36500), "How long hourly averages are kept."));

    // ---- control: xcp-control ----
    public static final SettingKey<String> CONTROL_STRATEGIES = add(SettingKey.string("control.strategies",
            "constraint-repair,rule-deviation,density", "The strategies to run, in order (comma-separated); each sees the moves of"
                    + " the ones before. constraint-repair moves VMs that break a placement constraint; density consolidates and"
                    + " powers hosts off only while control.mode (or control.schedule) is density (docs/control.md)."));
    public static final SettingKey<Integer> CONTROL_MAX_MIGRATIONS_PER_RUN = add(SettingKey.integer(
            "control.maxMigrationsPerRun", 2, 0, 100, "migrations", "Most migrations one control run plans and launches."));
    public static final SettingKey<Integer> CONTROL_MAX_CONCURRENT_MIGRATIONS = add(SettingKey.integer(
            "control.maxConcurrentMigrations", 1, 1, 16, "migrations", "Most migrations running at once in a pool."));
    public static final SettingKey<Integer> CONTROL_HOLD_SAMPLES = add(SettingKey.integer("control.holdSamples", 3, 1,
            1000, "samples", "A host must violate a rule in this many consecutive collected samples before anything moves."));
    public static final SettingKey<Duration> CONTROL_MAX_DATA_AGE = add(SettingKey.duration("control.maxDataAge",
            Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofDays(1), "Collected data older than this blocks every decision."));
    public static final SettingKey<Duration> CONTROL_VM_COOLDOWN = add(SettingKey.duration("control.vmCooldown",
            Duration.ofMinutes(30), Duration.ZERO, Duration.ofDays(30), "A VM migrated less than this ago is not moved again."));
    public static final SettingKey<Duration> CONTROL_HOST_COOLDOWN = add(SettingKey.duration("control.hostCooldown",
            Duration.ofMinutes(5), Duration.ZERO, Duration.ofDays(30), "A host that gained or lost a VM less than this ago is neither source nor destination."));
    public static final SettingKey<List<String>> CONTROL_EXCLUDE_VMS = add(SettingKey.list("control.excludeVms",
            "VM names or uuids that never move (comma-separated). VMs tagged xcp-balancer:ignore never move either."));
    public static final SettingKey<List<String>> CONTROL_EXCLUDE_HOSTS = add(SettingKey.list("control.excludeHosts",
            "Host names or uuids that are neither source nor destination (comma-separated)."));
    public static final SettingKey<Duration> CONTROL_MIGRATION_TIMEOUT = add(SettingKey.duration("control.migrationTimeout",
            Duration.ofMinutes(15), Duration.ofSeconds(10), Duration.ofHours(24), "A run stops following its migrations after this long."));
    public static final SettingKey<Duration> CONTROL_FAILURE_BACKOFF = add(SettingKey.duration("control.failureBackoff",
            Duration.ofMinutes(10), Duration.ZERO, Duration.ofDays(1),
            "A VM whose migration failed is not tried again for this long; each further failure in a row doubles it (at most 24h)."));
    public static final SettingKey<Duration> CONTROL_PROGRESS_INTERVAL = add(SettingKey.duration("control.progressInterval",
            Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMinutes(10),
            "How often a running migration's task is read: the progress bar on a terminal follows it; a log gets a progress line at most every 10s."));
    public static final SettingKey<String> CONTROL_MODE = add(SettingKey.oneOf("control.mode", "performance",
            List.of("performance", "density"), "performance spreads the load so every host stays under its rules; density"
                    + " also consolidates VMs onto fewer hosts (and may power emptied hosts off). control.schedule can switch it by time of day."));
    public static final SettingKey<List<WeeklyWindow>> CONTROL_SCHEDULE = add(SettingKey.weeklyWindows("control.schedule",
            List.of("performance", "density"), "Switches control.mode by time of week in control.timeZone, e.g. 'density Mon-Fri 22:00-06:00, density Sat-Sun 00:00-24:00'"
                    + " (MODE DAYS HH:MM-HH:MM, comma-separated; a window ending before it starts crosses midnight; the first matching entry wins; outside them control.mode holds)."));
    public static final SettingKey<java.time.ZoneId> CONTROL_TIME_ZONE = add(SettingKey.timeZone("control.timeZone",
            "The time zone of control.schedule and control.freezeWindows, e.g. Europe/Paris (daylight saving time followed). Default: the system's."));
    public static final SettingKey<List<WeeklyWindow>> CONTROL_FREEZE_WINDOWS = add(SettingKey.weeklyWindows("control.freezeWindows",
            List.of(), "Times in which nothing is launched (balancing, repair, density, evacuation), e.g. backups: 'Sat 01:00-05:00' (DAYS HH:MM-HH:MM,"
                    + " comma-separated); each run in one stores a FROZEN decision naming it."));

    // ---- density: the density strategy (control.mode density): consolidate, power idle hosts off and on ----
    public static final SettingKey<Integer> DENSITY_CPU_TARGET_PERCENT = add(SettingKey.integer("density.cpuTargetPercent",
            70, 10, 100, "%", "Density mode: after consolidating, no powered host may be above this CPU load."));
    public static final SettingKey<Integer> DENSITY_MEMORY_TARGET_PERCENT = add(SettingKey.integer(
            "density.memoryTargetPercent", 85, 10, 100, "%", "Density mode: after consolidating, no powered host may use more than this share of its memory."));
    public static final SettingKey<Integer> DENSITY_SPARE_HOSTS = add(SettingKey.integer("density.spareHosts", 1, 0, 16,
            "hosts", "Density mode: the powered hosts keep this many hosts' worth of headroom under the targets (the load must still fit without their largest hosts); when it is gone a sleeping host is powered on."));
    public static final SettingKey<Integer> DENSITY_MAX_POWER_ACTIONS_PER_RUN = add(SettingKey.integer(
            "density.maxPowerActionsPerRun", 1, 0, 16, "actions", "Most host power actions (power off, power on) one control run takes."));
    public static final SettingKey<Boolean> DENSITY_POWER_ON_ANY_HOST = add(SettingKey.bool("density.powerOnAnyHost", false,
            "Power on any halted host whose power_on_mode is set, not only those xcp-balancer powered off (as WLB's option)."));
    public static final SettingKey<Duration> DENSITY_POWER_ON_COOLDOWN = add(SettingKey.duration("density.powerOnCooldown",
            Duration.ofHours(1), Duration.ZERO, Duration.ofDays(7), "A host xcp-balancer powered on is not emptied and powered off again for this long."));
    public static final SettingKey<Duration> DENSITY_POWER_OFF_RETRY_AFTER = add(SettingKey.duration(
            "density.powerOffRetryAfter", Duration.ofHours(1), Duration.ZERO, Duration.ofDays(7), "A host whose power-off failed (e.g. XAPI still shows a paused guest on it) is not chosen for a power-off again for this long."));
    public static final SettingKey<Duration> DENSITY_BOOT_TIMEOUT = add(SettingKey.duration("density.bootTimeout",
            Duration.ofMinutes(20), Duration.ofSeconds(10), Duration.ofHours(6), "A host powered on that is not live and enabled after this long is reported as failed; another may then be woken."));
    public static final SettingKey<List<String>> DENSITY_HOST_WATTS = add(SettingKey.list("density.hostWatts",
            "Power drawn by hosts idle and at full CPU, HOST=IDLE/MAX in watts (comma-separated, e.g. Host1=120/350); for choosing which host to power off and for the energy report. Other hosts use density.idleWatts and density.maxWatts."));
    public static final SettingKey<Integer> DENSITY_IDLE_WATTS = add(SettingKey.integer("density.idleWatts", 100, 0, 100_000,
            "W", "Power a host not listed in density.hostWatts draws while on and idle."));
    public static final SettingKey<Integer> DENSITY_MAX_WATTS = add(SettingKey.integer("density.maxWatts", 300, 0, 100_000,
            "W", "Power a host not listed in density.hostWatts draws at full CPU load (at least density.idleWatts)."));

    // ---- service: xcp-service (every pool in one process; pools shared by instances through leases) ----
    public static final SettingKey<Path> SERVICE_POOLS_DIRECTORY = add(SettingKey.path("service.poolsDirectory",
            "pools.d", "xcp-service: the folder of pool files, one NAME.properties (xapi.*, collect.*, control.*) per pool; relative to the settings file. Files added or removed are picked up while running."));
    public static final SettingKey<String> SERVICE_INSTANCE_NAME = add(SettingKey.string("service.instanceName", null,
            "xcp-service: this instance's name in the lease tables (default: host name and process id). Unique per running instance."));
    public static final SettingKey<Duration> SERVICE_LEASE_RENEWAL = add(SettingKey.duration("service.leaseRenewal",
            Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofMinutes(10),
            "xcp-service: how often an instance renews its pool leases; a lease lasts 1.5 times this, so the pools of an instance that stops are taken over within two periods."));
    public static final SettingKey<Duration> SERVICE_COLLECT_INTERVAL = add(SettingKey.duration("service.collectInterval",
            Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofDays(1), "xcp-service, in a pool file: how often the pool is collected."));
    public static final SettingKey<Duration> SERVICE_CONTROL_INTERVAL = add(SettingKey.duration("service.controlInterval",
            Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofDays(1), "xcp-service, in a pool file: how often the controller runs on the pool."));
    public static final SettingKey<Duration> SERVICE_GUARD_INTERVAL = add(SettingKey.duration("service.guardInterval",
            Duration.ZERO, Duration.ZERO, Duration.ofDays(1),
            "xcp-service, in a pool file: how often xcp-guard checks the pool (docs/guard.md; 10s is the usual choice). 0s: the service does not guard the pool."));

    // ---- guard: xcp-guard (docs/guard.md) ----
    public static final SettingKey<Integer> GUARD_DEAD_CHECKS = add(SettingKey.integer("guard.deadChecks", 3, 1, 100,
            "checks", "xcp-guard: a host is dead after this many checks in a row in which its address refuses and XAPI says it is not live (or its host_metrics are stale), while the master answers."));
    public static final SettingKey<Duration> GUARD_PROBE_TIMEOUT = add(SettingKey.duration("guard.probeTimeout",
            Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMinutes(1),
            "xcp-guard: how long a TCP connection to a host's management address (the xapi.url port) may take before the address counts as unreachable."));
    public static final SettingKey<Duration> GUARD_HOST_METRICS_STALE_AFTER = add(SettingKey.duration("guard.hostMetricsStaleAfter",
            Duration.ofMinutes(2), Duration.ofSeconds(5), Duration.ofDays(1),
            "xcp-guard: host_metrics.last_updated older than this (by the master's clock) counts as not live."));
    public static final SettingKey<String> GUARD_FENCE_COMMAND = add(SettingKey.string("guard.fenceCommand", null,
            "xcp-guard: the command that powers a dead host off, run without a shell (words split on spaces; quote with ' or \"), e.g. fence_ipmilan -a {ipmi} -l admin -S /etc/xcp-balancer/ipmi-password -o off. Placeholders: {host} (name label), {uuid}, {address}, {ipmi} (the host's other_config:ipmi_address). Exit 0 = fenced. Unset: the guard waits for an operator's CONFIRM HOST DOWN in xcp-manager."));
    public static final SettingKey<Duration> GUARD_FENCE_TIMEOUT = add(SettingKey.duration("guard.fenceTimeout",
            Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofMinutes(30),
            "xcp-guard: a fence command still running after this is killed and counts as failed."));
    public static final SettingKey<Duration> GUARD_VM_HEARTBEAT_TIMEOUT = add(SettingKey.duration("guard.vmHeartbeatTimeout",
            Duration.ofSeconds(120), Duration.ofSeconds(5), Duration.ofDays(1),
            "xcp-guard: a protected VM whose guest agent (VM_guest_metrics.last_updated) has been silent this long, on a host that is fine, is hung."));
    public static final SettingKey<Duration> GUARD_LADDER_WAIT = add(SettingKey.duration("guard.ladderWait",
            Duration.ofSeconds(200), Duration.ZERO, Duration.ofDays(1),
            "xcp-guard: the wait between two steps of a crashed or hung VM's ladder (reboot, restart elsewhere, give up)."));
    public static final SettingKey<Duration> GUARD_HISTORY_RESET = add(SettingKey.duration("guard.historyReset",
            Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(30),
            "xcp-guard: a VM healthy this long starts its ladder again from the first step."));
    public static final SettingKey<String> GUARD_REINSTALL_COMMAND = add(SettingKey.string("guard.reinstallCommand", null,
            "xcp-guard: optional command run (without a shell) when a VM's ladder gives up; placeholders {vm} (name label), {uuid} and {host}."));
    public static final SettingKey<Duration> GUARD_REINSTALL_TIMEOUT = add(SettingKey.duration("guard.reinstallTimeout",
            Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofHours(2),
            "xcp-guard: guard.reinstallCommand still running after this is killed and counts as failed."));

    // ---- manager: xcp-manager ----
    public static final SettingKey<Path> MANAGER_HISTORY_FILE = add(SettingKey.path("manager.historyFile",
            "~/.xcp-manager_history", "Where the console keeps its command history."));
    public static final SettingKey<Duration> MANAGER_STALE_AFTER = add(SettingKey.duration("manager.staleAfter",
            Duration.ofMinutes(3), Duration.ofSeconds(10), Duration.ofDays(30), "The console warns when the last collection is older than this."));

    // ---- metrics: Prometheus ----
    public static final SettingKey<String> METRICS_LISTEN = add(SettingKey.string("metrics.listen", null,
            "Where xcp-collect and xcp-control with --interval, and xcp-service (in its own settings file, not a pool file), serve Prometheus metrics (/metrics), a loopback HOST:PORT such as 127.0.0.1:9712 (the collector), 127.0.0.1:9713 (the controller), 127.0.0.1:9714 (xcp-guard) or 127.0.0.1:9715 (xcp-service). Default: off. One-shot runs write them with --metrics-file instead."));

    private SettingKeys() {
    }

    private static <T> SettingKey<T> add(SettingKey<T> key) {
        if (ALL.putIfAbsent(key.name(), key) != null) {
            throw new IllegalStateException("duplicate settings key " + key.name());
        }
        return key;
    }

    /** Every key, in the order of settings.properties.example. */
    public static Map<String, SettingKey<?>> all() {
        return Collections.unmodifiableMap(ALL);
    }
}
