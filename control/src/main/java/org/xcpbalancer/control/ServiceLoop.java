package org.xcpbalancer.control;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.service.IntervalLoop;

/**
 * xcp-control --interval: a controller run every interval on core's {@link IntervalLoop}, which says which
 * failures end the service (bad input, authentication, certificate) and which the next run retries. On SIGTERM
 * the run in progress finishes (for at most {@link #STOP_GRACE}); migrations it launched are in the log either
 * way, and the next controller follows them.
 */
final class ServiceLoop {
    /** How long a stop waits for the run in progress. */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ControlService service;
    private final IntervalLoop loop;

    ServiceLoop(ControlService service, Duration every, PrintStream out, PrintStream err) {
        this.service = service;
        this.loop = new IntervalLoop(ControlMain.PROGRAM, every, out, err);
    }

    /** Runs until stopped; a clean stop is exit code 0. */
    ExitCode run(Optional<String> pool, boolean dryRun) {
        return run(pool, dryRun, result -> { });
    }

    /** As {@link #run(Optional, boolean)}, each run's result handed to afterRun (the metrics). */
    ExitCode run(Optional<String> pool, boolean dryRun, Consumer<ControlService.RunResult> afterRun) {
        loop.stopOnShutdown(STOP_GRACE);
        loop.run(Integer.MAX_VALUE, () -> afterRun.accept(service.runOnce(pool, dryRun)));
        return ExitCode.OK;
    }
}
