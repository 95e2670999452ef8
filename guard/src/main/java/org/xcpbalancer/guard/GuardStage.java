package org.xcpbalancer.guard;

/**
 * One part of a guard check, run in order on the check's {@link GuardCheck}: first the host path
 * ({@link org.xcpbalancer.guard.host.HostWatch}: dead hosts, fencing, their VMs), then the crash/hang ladder. A
 * stage keeps what must outlive a check in the database (GuardHost, GuardVm, GuardAction), never only in memory,
 * so a restarted guard continues where it was.
 */
public interface GuardStage {
    /** For messages, e.g. "hosts", "ladder". */
    String name();

    void run(GuardCheck check);
}
