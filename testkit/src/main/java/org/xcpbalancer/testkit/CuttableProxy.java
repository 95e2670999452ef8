package org.xcpbalancer.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of the test database that can make the database "go away": once armed, the first
 * client statement containing the trigger text either closes every connection and refuses new ones (a server
 * that dies: the client sees a reset) or, in blackhole mode, stops forwarding anything while every socket stays
 * open and new connections are still accepted (a network that drops packets: the client sees nothing at all).
 */
public final class CuttableProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile String trigger;
    private volatile boolean cut;
    private volatile boolean blackhole;

    public CuttableProxy(String targetHost, int targetPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::accept, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Cut everything when a client sends SQL containing this text (case-insensitive). */
    public void cutOn(String sqlText) {
        trigger = sqlText.toLowerCase(Locale.ROOT);
    }

    /** Stop forwarding, sockets kept open, when a client sends SQL containing this text (case-insensitive). */
    public void blackholeOn(String sqlText) {
        blackhole = true;
        trigger = sqlText.toLowerCase(Locale.ROOT);
    }

    /** True once the trigger was seen (cut or blackholed). */
    public boolean wasCut() {
        return cut;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean watch) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[65536];
            StringBuilder window = new StringBuilder();
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (watch && trigger != null) {
                        window.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
                        if (window.indexOf(trigger) >= 0) {
                            if (blackhole) {
                                cut = true;
                                swallow(in, buffer);
                                return;
                            }
                            cutEverything();
                            return;
                        }
                        if (window.length() > 8192) {
                            window.delete(0, window.length() - 4096);
                        }
                    }
                    if (blackhole && cut) {
                        continue; // packets dropped: nothing reaches the other side, nothing is closed
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads and drops everything until the client gives up; the sockets are closed only by close(). */
    private static void swallow(InputStream in, byte[] buffer) throws IOException {
        while (in.read(buffer) >= 0) {
            // dropped
        }
    }

    private void cutEverything() {
        cut = true;
        closeQuietly(server);
        sockets.forEach(CuttableProxy::closeQuietly);
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
        cutEverything();
    }
}
