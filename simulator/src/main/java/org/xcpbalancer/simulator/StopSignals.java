package org.xcpbalancer.simulator;

import java.util.concurrent.CountDownLatch;

/**
 * SIGTERM and SIGINT end xcp-sim cleanly with exit code 0: the signal releases the main thread, which closes the
 * listeners and returns, instead of the JVM's default exit 143.
 */
final class StopSignals {

    private StopSignals() {
    }

    @SuppressWarnings("sunapi")
    static void install(CountDownLatch stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> stop.countDown());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // The signal is not available here (or already taken): the JVM's default handling applies.
            }
        }
    }
}
