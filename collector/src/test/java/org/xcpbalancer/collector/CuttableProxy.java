package org.xcpbalancer.collector;

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
 * client statement containing the trigger text closes every connection and refuses new ones, as a database
 * server that dies or a network that breaks mid-transaction would.
 */
final class CuttableProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile String trigger;
    private volatile boolean cut;

    CuttableProxy(String targetHost, int targetPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::accept, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Cut everything when a client sends SQL containing this text (case-insensitive). */
    void cutOn(String sqlText) {
        trigger = sqlText.toLowerCase(Locale.ROOT);
    }

    boolean wasCut() {
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
                            cutEverything();
                            return;
                        }
                        if (window.length() > 8192) {
                            window.delete(0, window.length() - 4096);
                        }
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
