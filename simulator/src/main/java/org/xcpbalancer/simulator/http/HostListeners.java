package org.xcpbalancer.simulator.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One HTTP listener per host, each on the host's own loopback address and the same port, as each host of a real
 * pool answers on its own management address. A dead host's listener is closed, so calls to it are refused; a
 * revived host listens again on the same address and port.
 */
public final class HostListeners implements AutoCloseable {

    /** Requests are short except event.from, which blocks up to its timeout: threads are made as needed. */
    private static final int MAX_THREADS = 512;

    static {
        // The JDK server leaves Nagle's algorithm on unless told otherwise; with keep-alive clients (the SDK) every
        // small answer would then wait for the client's delayed ACK, about 40 ms per call.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final ExecutorService executor;
    private final Map<String, HttpServer> servers = new ConcurrentHashMap<>();
    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();
    private volatile int port;

    private record Binding(String address, HttpHandler handler) {
    }

    public HostListeners() {
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(4, MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "xcp-sim-http-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /**
     * Binds the first listener (the master's); port 0 picks a free port, which every other host then shares.
     *
     * @return the bound port
     */
    public int startFirst(String hostUuid, String address, int requestedPort, HttpHandler handler) {
        port = requestedPort;
        bindings.put(hostUuid, new Binding(address, handler));
        HttpServer server = bind(address, requestedPort, handler);
        servers.put(hostUuid, server);
        port = server.getAddress().getPort();
        return port;
    }

    public void start(String hostUuid, String address, HttpHandler handler) {
        bindings.put(hostUuid, new Binding(address, handler));
        servers.put(hostUuid, bind(address, port, handler));
    }

    /**
     * Answers on the host's address while it is up, stops while it is not. Model changes are announced from several
     * threads at once (a boot's timer and an XAPI call such as host.enable): the state is read under this lock, so
     * the last call follows the latest state, and no two calls bind the same address (the second failed with
     * "Address already in use", an INTERNAL_ERROR to the XAPI caller).
     */
    public synchronized void follow(String hostUuid, BooleanSupplier up) {
        if (up.getAsBoolean()) {
            restart(hostUuid);
        } else {
            stop(hostUuid);
        }
    }

    /** Stops answering on the host's address (the host "dies"). */
    public synchronized void stop(String hostUuid) {
        HttpServer server = servers.remove(hostUuid);
        if (server != null) {
            server.stop(0);
        }
    }

    /** Answers again on the host's address after {@link #stop}. */
    public synchronized void restart(String hostUuid) {
        Binding binding = bindings.get(hostUuid);
        if (binding != null && !servers.containsKey(hostUuid)) {
            servers.put(hostUuid, bind(binding.address(), port, binding.handler()));
        }
    }

    public boolean isListening(String hostUuid) {
        return servers.containsKey(hostUuid);
    }

    public int port() {
        return port;
    }

    private HttpServer bind(String address, int bindPort, HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), bindPort), 128);
            server.createContext("/", handler);
            server.setExecutor(executor);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address + ":" + bindPort + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        servers.values().forEach(server -> server.stop(0));
        servers.clear();
        executor.shutdownNow();
    }
}
