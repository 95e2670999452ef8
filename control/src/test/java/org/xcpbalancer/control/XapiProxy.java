package org.xcpbalancer.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of the simulator's XAPI port that counts the calls of one method passing through and can
 * spoil XAPI's answer to it: the call still reaches the pool (and runs there), but its answer is held back for
 * ever (a controller waiting on it can then be killed) or replaced by an HTTP 500, as a failing xapi or a
 * reverse proxy in front of it would answer.
 */
final class XapiProxy implements AutoCloseable {
    /** What happens to a call of the watched method. */
    enum Answer {
        /** Passed through both ways. */
        PASS,
        /** The call runs in the pool; its answer never comes back. */
        HOLD,
        /** The call runs in the pool; the client gets an HTTP 500 instead of its answer. */
        HTTP_500,
        /** The call never reaches the pool; the client gets an HTTP 500. */
        HTTP_500_UNSENT
    }

    private final ServerSocket server;
    private final int targetPort;
    private final String watched;
    private final AtomicInteger watchedCalls = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile Answer answer = Answer.PASS;

    /** @param method the XML-RPC method to count and spoil, e.g. "Async.VM.pool_migrate" */
    XapiProxy(int targetPort, String method) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.watched = "<methodName>" + method + "</methodName>";
        Thread acceptor = new Thread(this::accept, "xapi-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** From now on, the answers to the watched method's calls. */
    void answer(Answer value) {
        answer = value;
    }

    /** Calls of the watched method that went through to the pool so far. */
    int watchedCalls() {
        return watchedCalls.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(upstream);
                Connection connection = new Connection(client, upstream);
                start("xapi-proxy-request", connection::requests);
                start("xapi-proxy-answer", connection::answers);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void start(String name, Runnable pump) {
        Thread thread = new Thread(pump, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * One client connection. HTTP/1.1 without pipelining: once a request of the watched method is sent, every
     * byte coming back on this connection is its answer.
     */
    private final class Connection {
        private final Socket client;
        private final Socket upstream;
        private volatile Answer spoil = Answer.PASS;

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void requests() {
            byte[] buffer = new byte[65536];
            StringBuilder window = new StringBuilder();
            try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    window.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                    int at = window.indexOf(watched);
                    if (at >= 0) {
                        spoil = answer;
                        window.delete(0, at + watched.length());
                        if (spoil == Answer.HTTP_500_UNSENT) {
                            answer500(client.getOutputStream());
                            return;
                        }
                        watchedCalls.incrementAndGet();
                    } else if (window.length() > 8192) {
                        window.delete(0, window.length() - watched.length());
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(client);
                closeQuietly(upstream);
            }
        }

        void answers() {
            byte[] buffer = new byte[65536];
            try (InputStream in = upstream.getInputStream(); OutputStream out = client.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    switch (spoil) {
                        case PASS -> {
                            out.write(buffer, 0, read);
                            out.flush();
                        }
                        case HOLD -> {
                            // swallowed: the client waits for an answer that never comes
                        }
                        case HTTP_500, HTTP_500_UNSENT -> {
                            answer500(out);
                            return;
                        }
                    }
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(client);
                closeQuietly(upstream);
            }
        }
    }

    private static void answer500(OutputStream out) throws IOException {
        out.write(("HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        sockets.forEach(XapiProxy::closeQuietly);
    }
}
