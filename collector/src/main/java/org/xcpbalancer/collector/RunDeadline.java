package org.xcpbalancer.collector;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.settings.DurationFormat;

/**
 * The one-shot run's own deadline (collect.runTimeout). Every wait has its timeout (db.socketTimeout, XAPI's
 * reply timeout, collect.rrdTimeout), but several in a row, or a library that retries, could still add up past
 * the next cron minute; then runs would pile up. When the deadline passes, one line is printed and the JVM halts
 * with exit 5: the collection's transaction was not committed, so the database rolls it back with the connection
 * and the previous picture is kept.
 */
final class RunDeadline implements AutoCloseable {
    private final CountDownLatch ended = new CountDownLatch(1);

    private RunDeadline() {
    }

    static RunDeadline arm(Duration limit, PrintStream err) {
        RunDeadline deadline = new RunDeadline();
        Thread watchdog = new Thread(() -> {
            try {
                if (!deadline.ended.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    err.println(CollectorMain.PROGRAM + ": the run did not end within " + DurationFormat.format(limit)
                            + " (collect.runTimeout); stopped, nothing of this run was written and the previous picture"
                            + " is kept (is the database answering? see db.socketTimeout)");
                    err.flush();
                    Runtime.getRuntime().halt(ExitCode.DATABASE_UNREACHABLE.code());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "xcp-collect-deadline");
        watchdog.setDaemon(true);
        watchdog.start();
        return deadline;
    }

    /** The run ended in time. */
    @Override
    public void close() {
        ended.countDown();
    }
}
