package org.xcpbalancer.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Prometheus server does with a program's metrics, for the tests: GET /metrics on the loopback port, and
 * read one series' value from the text exposition (labels in the order the client writes them: by name).
 */
public final class PrometheusScrape {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PrometheusScrape() {
    }

    /** A port free right now, for metrics.listen. */
    public static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /**
     * Scrapes 127.0.0.1:port every 200 ms until the exposition satisfies ready (e.g. holds a series the test
     * waits for); an AssertionError naming what was last scraped when the limit passes or the program ends.
     */
    public static String until(int port, Duration limit, Process program, Predicate<String> ready)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "(nothing: the endpoint did not answer)";
        while (System.nanoTime() < deadline && (program == null || program.isAlive())) {
            try {
                last = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (ready.test(last)) {
                    return last;
                }
            } catch (IOException notYet) {
                // the program is still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the metrics on port " + port + " were not ready within " + limit.toSeconds() + " s"
                + (program != null && !program.isAlive() ? " (the program ended)" : "") + "; last scraped:\n" + last);
    }

    /** Whether the exposition has the series (name and labels exactly as written, e.g. {@code a{pool="x"}}). */
    public static boolean has(String exposition, String series) {
        return line(exposition, series).find();
    }

    /** The series' value; an AssertionError showing the exposition when it is not there. */
    public static double value(String exposition, String series) {
        Matcher line = line(exposition, series);
        if (!line.find()) {
            throw new AssertionError("no series " + series + " in\n" + exposition);
        }
        return Double.parseDouble(line.group(1));
    }

    private static Matcher line(String exposition, String series) {
        return Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
    }
}
