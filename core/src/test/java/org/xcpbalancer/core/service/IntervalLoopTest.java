package org.xcpbalancer.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;

/** The services' --interval loop: which failures end it, and a stop that lets the run in progress finish. */
class IntervalLoopTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final IntervalLoop loop = new IntervalLoop("xcp-test", Duration.ofMillis(20),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    /** A service whose runs fail with the given codes in turn (null: the run succeeds). */
    private static final class ScriptedService implements IntervalLoop.Service {
        private final Deque<ExitCode> failures;
        final AtomicInteger runs = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();

        ScriptedService(ExitCode... failures) {
            this.failures = new ArrayDeque<>();
            for (ExitCode code : failures) {
                this.failures.add(code == null ? ExitCode.OK : code);
            }
        }

        @Override
        public void runOnce() {
            runs.incrementAndGet();
            ExitCode failure = failures.isEmpty() ? ExitCode.OK : failures.poll();
            if (failure != ExitCode.OK) {
                throw new UserFacingException(failure, "failed with " + failure);
            }
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void transientFailuresAreRetriedAtTheNextInterval() {
        ScriptedService service = new ScriptedService(ExitCode.POOL_UNREACHABLE, ExitCode.DATABASE_UNREACHABLE,
                ExitCode.TIMEOUT, ExitCode.FAILURE, null);

        assertThat(loop.run(5, service)).isEqualTo(5);

        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "xcp-test: failed with POOL_UNREACHABLE (retrying at the next interval, in 20ms)",
                "xcp-test: failed with DATABASE_UNREACHABLE (retrying at the next interval, in 20ms)",
                "xcp-test: failed with TIMEOUT (retrying at the next interval, in 20ms)",
                "xcp-test: failed with FAILURE (retrying at the next interval, in 20ms)");
        assertThat(service.closed).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).as("not stopped: ran its runs").isEmpty();
    }

    @Test
    void authenticationCertificateAndBadInputEndTheService() {
        for (ExitCode fatal : List.of(ExitCode.AUTHENTICATION_FAILED, ExitCode.CERTIFICATE_REJECTED, ExitCode.BAD_INPUT)) {
            ScriptedService service = new ScriptedService(null, fatal, null);

            assertThatThrownBy(() -> new IntervalLoop("xcp-test", Duration.ofMillis(1), System.out, System.err)
                    .run(10, service)).isInstanceOf(UserFacingException.class)
                    .extracting(e -> ((UserFacingException) e).exitCode()).isEqualTo(fatal);
            assertThat(service.runs).as(fatal.name()).hasValue(2);
            assertThat(service.closed).as(fatal.name()).isTrue();
        }
        assertThat(ExitCode.values()).filteredOn(IntervalLoop::endsService)
                .containsExactlyInAnyOrder(ExitCode.AUTHENTICATION_FAILED, ExitCode.CERTIFICATE_REJECTED,
                        ExitCode.BAD_INPUT);
    }

    @Test
    void aStopWaitsForTheRunInProgress() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finishedItsRun = new AtomicBoolean();
        AtomicBoolean closed = new AtomicBoolean();
        IntervalLoop.Service slow = new IntervalLoop.Service() {
            @Override
            public void runOnce() throws InterruptedException {
                running.countDown();
                release.await();
                finishedItsRun.set(true);
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
        CompletableFuture<Integer> runs = CompletableFuture.supplyAsync(() -> loop.run(Integer.MAX_VALUE, slow));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(loop.stopAndWait(Duration.ofMillis(200))).as("still in its run").isFalse();
        release.countDown();
        assertThat(loop.stopAndWait(Duration.ofSeconds(10))).isTrue();

        assertThat(runs.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(finishedItsRun).isTrue();
        assertThat(closed).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("xcp-test: stopping" + System.lineSeparator());
    }

    @Test
    void interruptingTheLoopStopsIt() throws Exception {
        IntervalLoop slowLoop = new IntervalLoop("xcp-test", Duration.ofHours(1),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        ScriptedService service = new ScriptedService();
        Thread thread = new Thread(() -> slowLoop.run(Integer.MAX_VALUE, service));
        thread.start();
        while (service.runs.get() == 0) {
            Thread.sleep(5);
        }
        thread.interrupt();
        thread.join(10_000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(service.closed).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("xcp-test: stopping" + System.lineSeparator());
    }
}
