package org.xcpbalancer.control.strategy.density;

import java.time.Duration;
import java.util.Objects;
import org.xcpbalancer.core.energy.HostWatts;
import org.xcpbalancer.core.settings.SettingKeys;
import org.xcpbalancer.core.settings.Settings;

/**
 * Validated arguments of the density strategy (defaults in SettingKeys, density.*). The move budget is not here:
 * control.maxMigrationsPerRun caps all strategies together, and a host is emptied only when all its VMs fit in it.
 *
 * @param cpuTargetPercent      no powered host above this CPU load after consolidating
 * @param memoryTargetPercent   no powered host above this share of its memory in use after consolidating
 * @param spareHosts            the load must also fit under the targets without the largest this-many powered hosts
 * @param maxPowerActionsPerRun power-offs plus power-ons one run may take
 * @param powerOnAnyHost        wake any halted host with power_on_mode set, not only those xcp-balancer powered off
 * @param powerOnCooldown       a host xcp-balancer powered on is not emptied again for this long
 * @param powerOffRetryAfter    a host whose power-off failed is not chosen again for this long
 * @param bootTimeout           a host being woken that is not live and enabled after this is given up
 * @param watts                 what each host draws (choosing hosts to power off and on)
 */
public record DensityArgs(int cpuTargetPercent, int memoryTargetPercent, int spareHosts, int maxPowerActionsPerRun,
        boolean powerOnAnyHost, Duration powerOnCooldown, Duration powerOffRetryAfter, Duration bootTimeout,
        HostWatts watts) {

    public DensityArgs {
        if (cpuTargetPercent < 1 || cpuTargetPercent > 100) {
            throw new IllegalArgumentException("cpuTargetPercent must be 1..100: " + cpuTargetPercent);
        }
        if (memoryTargetPercent < 1 || memoryTargetPercent > 100) {
            throw new IllegalArgumentException("memoryTargetPercent must be 1..100: " + memoryTargetPercent);
        }
        if (spareHosts < 0) {
            throw new IllegalArgumentException("spareHosts must not be negative: " + spareHosts);
        }
        if (maxPowerActionsPerRun < 0) {
            throw new IllegalArgumentException("maxPowerActionsPerRun must not be negative: " + maxPowerActionsPerRun);
        }
        if (powerOnCooldown.isNegative() || bootTimeout.isNegative() || bootTimeout.isZero()) {
            throw new IllegalArgumentException("powerOnCooldown must be >= 0 and bootTimeout > 0");
        }
        if (powerOffRetryAfter.isNegative()) {
            throw new IllegalArgumentException("powerOffRetryAfter must be >= 0: " + powerOffRetryAfter);
        }
        Objects.requireNonNull(watts);
    }

    public static DensityArgs from(Settings settings) {
        return new DensityArgs(settings.get(SettingKeys.DENSITY_CPU_TARGET_PERCENT),
                settings.get(SettingKeys.DENSITY_MEMORY_TARGET_PERCENT), settings.get(SettingKeys.DENSITY_SPARE_HOSTS),
                settings.get(SettingKeys.DENSITY_MAX_POWER_ACTIONS_PER_RUN),
                settings.get(SettingKeys.DENSITY_POWER_ON_ANY_HOST), settings.get(SettingKeys.DENSITY_POWER_ON_COOLDOWN),
                settings.get(SettingKeys.DENSITY_POWER_OFF_RETRY_AFTER), settings.get(SettingKeys.DENSITY_BOOT_TIMEOUT), HostWatts.from(settings));
    }
}
