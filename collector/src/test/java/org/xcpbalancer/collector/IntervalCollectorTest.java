package org.xcpbalancer.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/** --interval: one session, the graph followed by event.from, a collection every interval. */
@ExtendWith(MariaDbExtension.class)
class IntervalCollectorTest {

    @Test
    void followsThePoolWithOneSessionAndConstantRequests(TestDatabase database) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults());
                CollectionService service = new CollectionService(database.database(), CollectorSettings.defaults(),
                        Clock.systemUTC())) {
            int sessionsBefore = simulator.xapi().services().sessions().size();
            // After the first collection, move a VM: the next collections see it through event.from. Moved on the
            // loop's thread as it prints the first summary: a test thread polling for it could, on a loaded
            // machine, move it only after the last collection.
            PrintStream movesAfterTheFirst = new PrintStream(out, true, StandardCharsets.UTF_8) {
                private boolean moved;

                @Override
                public void println(String line) {
                    super.println(line);
                    if (!moved) {
                        moved = true;
                        simulator.model().moveVm(simulator.model().vmByName("VM2 - Debian"),
                                simulator.model().hostByName("Host1"));
                    }
                }
            };
            IntervalCollector loop = new IntervalCollector(service, SimulatedPool.xapi(simulator), Duration.ofMillis(700),
                    movesAfterTheFirst, new PrintStream(err, true, StandardCharsets.UTF_8));
            CompletableFuture<Integer> runs = CompletableFuture.supplyAsync(() -> loop.run(3));

            assertThat(runs.get(30, TimeUnit.SECONDS)).isEqualTo(3);
            assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(3).allMatch(line ->
                    line.matches("Collected pool Main Pool: 2 hosts, 5 VMs, 5 requests, \\d+\\.\\d\\d s"));
            assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(SimulatedPool.placement(database.database().dsl())).containsEntry("VM2 - Debian", "Host1");
            // logged out at the end
            assertThat(simulator.xapi().services().sessions().size()).isEqualTo(sessionsBefore);
        }
    }

    @Test
    void aPoolUnreachableAtStartIsRetriedAtTheNextInterval(TestDatabase database) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        XapiSettings nowhere = XapiSettings.plain(URI.create("http://127.0.0.1:" + closedPort), "root", Secret.of("root"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (CollectionService service = new CollectionService(database.database(), CollectorSettings.defaults(),
                Clock.systemUTC())) {
            IntervalCollector loop = new IntervalCollector(service, nowhere, Duration.ofMillis(300),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(loop.run(2)).as("the service goes on after the first failure").isEqualTo(2);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(2).allMatch(line ->
                line.startsWith("xcp-collect: ") && line.endsWith(" (retrying at the next interval, in 300ms)"));
    }
}
