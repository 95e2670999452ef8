package org.xcpbalancer.guard.ladder;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a VM may be started, as the placement check answers: a host (uuid and name), or why none fits (one
 * line, e.g. "Host2 has 596 MB free memory, web needs 2048 MB; Host3 is the VM's own host").
 */
public record TargetChoice(Optional<String> hostUuid, Optional<String> hostName, String whyNone) {

    public TargetChoice {
        Objects.requireNonNull(hostUuid);
        Objects.requireNonNull(hostName);
        Objects.requireNonNull(whyNone);
    }

    public static TargetChoice host(String uuid, String name) {
        return new TargetChoice(Optional.of(uuid), Optional.of(name), "");
    }

    public static TargetChoice none(String why) {
        return new TargetChoice(Optional.empty(), Optional.empty(), why);
    }

    public boolean found() {
        return hostUuid.isPresent();
    }
}
