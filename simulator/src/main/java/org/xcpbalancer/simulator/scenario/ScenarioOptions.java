package org.xcpbalancer.simulator.scenario;

import java.time.Duration;

/**
 * Pool-wide simulation options.
 *
 * @param migrationBandwidthMbPerSec  how fast live migration copies memory (MB/s); a VM's migration takes
 *                                    memory / bandwidth of simulated time
 * @param migrationFailureRate        share of migrations that fail with VM_MIGRATE_FAILED (0..1)
 * @param postMigrationNoise          how long a migrated VM's reported CPU is noisy after the switch
 * @param postMigrationNoiseAmplitude how noisy: reported = true × (1 ± amplitude), clamped to 0..1
 * @param hypervisorOverheadMb        memory Xen itself keeps on every host
 * @param vmGroups                    whether the pool's XAPI has VM groups (XAPI 24.x); false serves XCP-ng 8.2's
 *                                    API, which answers VM_group.* with MESSAGE_METHOD_UNKNOWN
 * @param hostBootTime                how long a host takes from host.power_on until it answers and is live
 * @param hostShutdownTime            how long a host keeps answering after host.shutdown before it is off
 * @param hostLivenessTimeout         how long after a host dies (or is cut off) the master marks it not live
 *                                    (xapi: Xapi_globs.host_assumed_dead_interval, 600 s without HA)
 */
public record ScenarioOptions(
        double migrationBandwidthMbPerSec,
        double migrationFailureRate,
        Duration postMigrationNoise,
        double postMigrationNoiseAmplitude,
        long hypervisorOverheadMb,
        boolean vmGroups,
        Duration hostBootTime,
        Duration hostShutdownTime,
        Duration hostLivenessTimeout) {

    public static final double MIGRATION_BANDWIDTH_MB_PER_SEC_DEFAULT = 100.0;
    public static final double MIGRATION_FAILURE_RATE_DEFAULT = 0.0;
    public static final Duration POST_MIGRATION_NOISE_DEFAULT = Duration.ZERO;
    public static final double POST_MIGRATION_NOISE_AMPLITUDE_DEFAULT = 0.3;
    public static final long HYPERVISOR_OVERHEAD_MB_DEFAULT = 64;
    public static final Duration HOST_BOOT_TIME_DEFAULT = Duration.ofSeconds(120);
    public static final Duration HOST_SHUTDOWN_TIME_DEFAULT = Duration.ofSeconds(30);
    /** 0: the master sees a death at once, which most tests want; xapi waits 600 s without HA. */
    public static final Duration HOST_LIVENESS_TIMEOUT_DEFAULT = Duration.ZERO;

    public ScenarioOptions(double migrationBandwidthMbPerSec, double migrationFailureRate,
            Duration postMigrationNoise, double postMigrationNoiseAmplitude, long hypervisorOverheadMb,
            boolean vmGroups) {
        this(migrationBandwidthMbPerSec, migrationFailureRate, postMigrationNoise, postMigrationNoiseAmplitude,
                hypervisorOverheadMb, vmGroups, HOST_BOOT_TIME_DEFAULT, HOST_SHUTDOWN_TIME_DEFAULT,
                HOST_LIVENESS_TIMEOUT_DEFAULT);
    }

    public ScenarioOptions(double migrationBandwidthMbPerSec, double migrationFailureRate,
            Duration postMigrationNoise, double postMigrationNoiseAmplitude, long hypervisorOverheadMb) {
        this(migrationBandwidthMbPerSec, migrationFailureRate, postMigrationNoise, postMigrationNoiseAmplitude,
                hypervisorOverheadMb, true);
    }

    public static ScenarioOptions defaults() {
        return new ScenarioOptions(MIGRATION_BANDWIDTH_MB_PER_SEC_DEFAULT, MIGRATION_FAILURE_RATE_DEFAULT,
                POST_MIGRATION_NOISE_DEFAULT, POST_MIGRATION_NOISE_AMPLITUDE_DEFAULT, HYPERVISOR_OVERHEAD_MB_DEFAULT);
    }
}
