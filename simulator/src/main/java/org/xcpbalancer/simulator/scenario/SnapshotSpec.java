package org.xcpbalancer.simulator.scenario;

/** A snapshot (is_a_snapshot VM) of a guest; {@code of} names the guest. */
public record SnapshotSpec(String name, String uuid, String of) {
}
