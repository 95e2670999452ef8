package org.xcpbalancer.control;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;

/**
 * --interval: a run every interval until the process is stopped (SIGTERM, Ctrl-C). A run that fails on
 * something that may pass (pool or database unreachable) is reported in one line and the next run tries again;
 * bad input stops the loop. On stop, a run in progress is interrupted: its launched migrations stay in the log
 * and the next controller follows them.
 */
final class ServiceLoop {
    private final ControlService service;
    private final Duration every;
    private final PrintStream out;
    private final PrintStream err;

    ServiceLoop(ControlService service, Duration every, PrintStream out, PrintStream err) {
        this.service = service;
        this.every = every;
        this.out = out;
        this.err = err;
    }

    ExitCode run(Optional<String> pool, boolean dryRun) {
        Thread worker = Thread.currentThread();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            worker.interrupt();
            try {
                stopped.await(java.util.concurrent.TimeUnit.SECONDS.toMillis(10), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "xcp-control-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        ExitCode last = ExitCode.OK;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                long started = System.nanoTime();
                try {
                    last = service.runOnce(pool, dryRun).exitCode();
                } catch (UserFacingException e) {
                    if (e.exitCode() == ExitCode.BAD_INPUT) {
                        throw e;
                    }
                    err.println(ControlMain.PROGRAM + ": " + e.getMessage() + " (next run in " + every.toSeconds() + "s)");
                    last = e.exitCode();
                }
                long sleptMs = every.toMillis() - (System.nanoTime() - started) / 1_000_000;
                if (sleptMs > 0) {
                    Thread.sleep(sleptMs);
                }
            }
        } catch (InterruptedException e) {
            out.println(ControlMain.PROGRAM + ": stopping");
        } finally {
            stopped.countDown();
        }
        return last;
    }
}
