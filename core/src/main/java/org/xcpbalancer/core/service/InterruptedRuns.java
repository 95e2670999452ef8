package org.xcpbalancer.core.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs in progress, marked 'interrupted' in the database when the process is stopped with SIGINT (Ctrl-C) or
 * SIGTERM before they finish. A run registers when its row is written and closes the registration when the row
 * has its outcome. The mark only replaces 'running' (the run may still finish while the JVM shuts down, and then
 * its real outcome wins). kill -9 runs no hook at all: the next run finds those ({@link RunOwner}).
 */
public final class InterruptedRuns {
    private static final Logger LOG = LoggerFactory.getLogger(InterruptedRuns.class);
    private static final Map<Long, Runnable> RUNNING = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(InterruptedRuns::markAll, "mark-interrupted-runs"));
    }

    private InterruptedRuns() {
    }

    /** A run in progress; markInterrupted sets its row from 'running' to 'interrupted'. */
    public static Registration register(Runnable markInterrupted) {
        long id = IDS.incrementAndGet();
        RUNNING.put(id, markInterrupted);
        return () -> RUNNING.remove(id);
    }

    static void markAll() {
        for (Runnable mark : RUNNING.values()) {
            try {
                mark.run();
            } catch (RuntimeException e) {
                // The database may be gone too; the next run marks the row abandoned.
                LOG.warn("could not mark a stopped run interrupted: {}", e.getMessage());
            }
        }
    }

    /** Closed when the run has its outcome; closing never fails. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
