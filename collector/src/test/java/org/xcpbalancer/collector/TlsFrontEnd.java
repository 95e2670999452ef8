package org.xcpbalancer.collector;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * https in front of the simulator (which serves plain http): on every host address, one TLS listener on a
 * common port forwarding to the simulator's port on the same address, with a self-signed certificate made by
 * the JDK's keytool for the test. As on XCP-ng, the pool then speaks https with a certificate no system trust
 * store knows.
 */
final class TlsFrontEnd implements AutoCloseable {
    private static final String PASSWORD = "front-end-pass";
    private final List<ServerSocket> listeners = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final X509Certificate certificate;
    private final int port;

    TlsFrontEnd(Path dir, List<String> addresses, int targetPort) throws Exception {
        Path store = dir.resolve("front-end.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "pool", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=xcp-sim", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        certificate = (X509Certificate) keys.getCertificate("pool");
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);

        int chosen = 0;
        for (String address : addresses) {
            ServerSocket listener = context.getServerSocketFactory().createServerSocket(chosen, 50,
                    InetAddress.getByName(address));
            chosen = listener.getLocalPort();
            listeners.add(listener);
            Thread acceptor = new Thread(() -> accept(listener, address, targetPort), "tls-accept-" + address);
            acceptor.setDaemon(true);
            acceptor.start();
        }
        port = chosen;
    }

    int port() {
        return port;
    }

    X509Certificate certificate() {
        return certificate;
    }

    private void accept(ServerSocket listener, String address, int targetPort) {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket(address, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[65536];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed (or the TLS handshake was refused by the client)
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }, "tls-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        for (ServerSocket listener : listeners) {
            listener.close();
        }
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
