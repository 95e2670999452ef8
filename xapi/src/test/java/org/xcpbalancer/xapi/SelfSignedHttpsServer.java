package org.xcpbalancer.xapi;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An https server on 127.0.0.1 with a self-signed certificate made by the JDK's keytool for this test, answering
 * every XML-RPC POST with a successful XAPI response (a session ref for login, "" for logout): enough to drive
 * a login through the TLS paths. The XAPI semantics themselves are tested against the simulator.
 */
final class SelfSignedHttpsServer implements AutoCloseable {
    static final String STORE_PASSWORD = "test-store-pass";

    private final HttpsServer server;
    private final Path keyStore;
    private final X509Certificate certificate;
    final AtomicInteger posts = new AtomicInteger();

    private SelfSignedHttpsServer(HttpsServer server, Path keyStore, X509Certificate certificate) {
        this.server = server;
        this.keyStore = keyStore;
        this.certificate = certificate;
    }

    static SelfSignedHttpsServer start(Path dir, String subjectAltName) throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "pool", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=xcp-test-pool", "-ext", "SAN=" + subjectAltName, "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, STORE_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);

        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        SelfSignedHttpsServer result = new SelfSignedHttpsServer(server, keyStore,
                (X509Certificate) store.getCertificate("pool"));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            result.posts.incrementAndGet();
            String value = body.contains("session.login_with_password") ? "OpaqueRef:test-session" : "";
            byte[] answer = ("<?xml version=\"1.0\"?><methodResponse><params><param><value><struct>"
                    + "<member><name>Status</name><value>Success</value></member>"
                    + "<member><name>Value</name><value>" + value + "</value></member>"
                    + "</struct></value></param></params></methodResponse>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return result;
    }

    URI url() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** A PKCS12 truststore holding only this server's certificate. */
    Path trustStore(Path dir) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("pool", certificate);
        Path file = dir.resolve("trust.p12");
        try (var out = Files.newOutputStream(file)) {
            trust.store(out, STORE_PASSWORD.toCharArray());
        }
        return file;
    }

    Path keyStore() {
        return keyStore;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
