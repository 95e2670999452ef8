package org.xcpbalancer.core.service;

import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.settings.DurationFormat;

/**
 * The --interval mode of the services (xcp-collect, xcp-control): a run every interval until stopped.
 *
 * <p>Which failures end the service: those that will not mend themselves without the operator, see
 * {@link #endsService(ExitCode)}: bad input (2), authentication failed (4) and certificate rejected (6). Every
 * other failure the program reports in one line (pool unreachable 3, database unreachable 5, a timeout, a
 * failed XAPI call) is printed and the next run, one interval later, tries again. A bug (an exception that is not
 * a {@link UserFacingException}) ends the service like any program's bug.
 *
 * <p>Stopping: {@link #stop()} (the SIGTERM hook of {@link #stopOnShutdown(Duration)}, tests) ends the loop
 * after the run in progress, which is never cut short; {@link #stopAndWait(Duration)} waits for it and for the
 * service's {@link Service#close()}. Interrupting the loop's thread stops it too.
 */
public final class IntervalLoop {
    private static final Set<ExitCode> FATAL = EnumSet.of(ExitCode.BAD_INPUT, ExitCode.AUTHENTICATION_FAILED,
            ExitCode.CERTIFICATE_REJECTED);

    /** What the loop runs. */
    public interface Service extends AutoCloseable {
        /** One run; a failure is a {@link UserFacingException} whose exit code says whether to go on. */
        void runOnce() throws InterruptedException;

        /** Called once when the loop ends, before {@link #stopAndWait(Duration)} returns (e.g. logging out). */
        @Override
        default void close() {
        }
    }

    private final String program;
    private final Duration interval;
    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    public IntervalLoop(String program, Duration interval, PrintStream out, PrintStream err) {
        this.program = program;
        this.interval = interval;
        this.out = out;
        this.err = err;
    }

    /** True when a run failing with this code ends the service; false when the next interval retries. */
    public static boolean endsService(ExitCode code) {
        return FATAL.contains(code);
    }

    /**
     * Runs the service every interval until stopped, or until maxRuns runs were attempted.
     *
     * @return the number of runs attempted
     * @throws UserFacingException the failure of a run that {@link #endsService(ExitCode) ends the service}
     */
    public int run(int maxRuns, Service service) {
        int runs = 0;
        try (service) {
            while (runs < maxRuns && !stopRequested()) {
                long startNanos = System.nanoTime();
                runs++;
                try {
                    service.runOnce();
                } catch (UserFacingException e) {
                    if (endsService(e.exitCode())) {
                        throw e;
                    }
                    err.println(program + ": " + e.getMessage() + " (retrying at the next interval, in "
                            + DurationFormat.format(interval) + ")");
                }
                out.flush();
                long waitNanos = interval.toNanos() - (System.nanoTime() - startNanos);
                if (runs < maxRuns && waitNanos > 0 && stop.await(waitNanos, TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            stop();
        } finally {
            if (stopRequested()) {
                out.println(program + ": stopping");
            }
            finished.countDown();
        }
        return runs;
    }

    /** Ends the loop after the run in progress. */
    public void stop() {
        stop.countDown();
    }

    /** Stops and waits (at most the timeout) until the run in progress is done and the service closed. */
    public boolean stopAndWait(Duration timeout) throws InterruptedException {
        stop();
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** On SIGTERM or Ctrl-C: stop, and let the run in progress finish for at most the grace period. */
    public void stopOnShutdown(Duration grace) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stopAndWait(grace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, program + "-stop"));
    }

    private boolean stopRequested() {
        return stop.getCount() == 0;
    }
}
