package org.xcpbalancer.core.service;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The process a run belongs to, recorded in its row (CollectionRun, ControlRun: Host, Pid, ProcessStartedAt), so
 * that the next run on the same host can tell a run whose process is gone (kill -9, a crash, a reboot) from one
 * still at work, and mark it abandoned. The start time guards against a pid the system has given to another
 * process since.
 */
public record RunOwner(String host, long pid, Instant processStartedAt) {
    /** /proc's start times are in clock ticks (10 ms) and the database keeps milliseconds. */
    private static final Duration SAME_START = Duration.ofSeconds(1);

    private static final RunOwner CURRENT = of(ProcessHandle.current());

    /** This process. */
    public static RunOwner current() {
        return CURRENT;
    }

    static RunOwner of(ProcessHandle process) {
        Instant started = process.info().startInstant().orElse(Instant.EPOCH).truncatedTo(ChronoUnit.MILLIS);
        return new RunOwner(hostName(), process.pid(), started);
    }

    /**
     * True when the process that owns a run on this host is still there: same pid, same start time. A run owned
     * by another host cannot be checked from here and counts as alive.
     */
    public boolean isAlive() {
        if (!host.equals(CURRENT.host)) {
            return true;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        Optional<Instant> started = process.get().info().startInstant();
        return started.isEmpty() || Duration.between(started.get(), processStartedAt).abs().compareTo(SAME_START) <= 0;
    }

    /** The kernel's host name without asking DNS (which can hang for seconds when it is down). */
    private static String hostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (Exception notLinux) {
            // fall through
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception unknown) {
            return "localhost";
        }
    }
}
