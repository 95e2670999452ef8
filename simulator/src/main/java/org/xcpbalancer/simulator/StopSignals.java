package org.xcpbalancer.simulator;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM and SIGINT end xcp-sim cleanly with exit code 0 rather than the JVM's 143/130: a shutdown hook releases
 * the main thread, waits (briefly) until it has closed the listeners, then halts with status 0.
 */
final class StopSignals {

    /** How long the hook waits for the main thread to close the listeners. */
    private static final long CLOSE_WAIT_SECONDS = 5;

    private StopSignals() {
    }

    /**
     * @param stop   released to make the main thread close the simulator
     * @param closed released by the main thread once the simulator is closed
     */
    static void install(CountDownLatch stop, CountDownLatch closed) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                closed.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(0);
        }, "xcp-sim-stop"));
    }
}
