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
 */
public record ScenarioOptions(
        double migrationBandwidthMbPerSec,
        double migrationFailureRate,
        Duration postMigrationNoise,
        double postMigrationNoiseAmplitude,
        long hypervisorOverheadMb,
        boolean vmGroups) {

    public static final double MIGRATION_BANDWIDTH_MB_PER_SEC_DEFAULT = 100.0;
    public static final double MIGRATION_FAILURE_RATE_DEFAULT = 0.0;
    public static final Duration POST_MIGRATION_NOISE_DEFAULT = Duration.ZERO;
    public static final double POST_MIGRATION_NOISE_AMPLITUDE_DEFAULT = 0.3;
    public static final long HYPERVISOR_OVERHEAD_MB_DEFAULT = 64;

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
