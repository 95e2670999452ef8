package org.xcpbalancer.xapi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.settings.XapiSettings;

/**
 * The TLS setup for one pool: which certificates are trusted, as the settings say. Used per connection (the
 * XML-RPC transport and the /rrd_updates GETs), never installed JVM-wide, so other code in the same JVM keeps
 * its own trust.
 */
public final class XapiTls {
    private final SSLSocketFactory socketFactory;
    private final String description;

    private XapiTls(SSLSocketFactory socketFactory, String description) {
        this.socketFactory = socketFactory;
        this.description = description;
    }

    /**
     * Pinned fingerprints win over a truststore file, which wins over the system trust store.
     *
     * @throws UserFacingException BAD_INPUT for a malformed fingerprint or an unreadable truststore
     */
    public static XapiTls from(XapiSettings settings) {
        try {
            if (settings.certificateSha256().isPresent()) {
                Set<String> pins;
                try {
                    pins = CertificateFingerprint.parseList(settings.certificateSha256().get());
                } catch (IllegalArgumentException e) {
                    throw new UserFacingException(ExitCode.BAD_INPUT, e.getMessage());
                }
                return new XapiTls(socketFactory(VerifyingTrustManager.pinned(pins)), "pinned certificate");
            }
            if (settings.truststore().isPresent()) {
                Path file = settings.truststore().get();
                KeyStore store = loadTrustStore(file, settings.truststorePassword().reveal().toCharArray());
                return new XapiTls(socketFactory(VerifyingTrustManager.delegating(pkix(store), "xapi.truststore " + file)),
                        "truststore " + file);
            }
            return new XapiTls(socketFactory(VerifyingTrustManager.delegating(pkix(null), "the system trust store")),
                    "system trust store");
        } catch (GeneralSecurityException e) {
            throw new UserFacingException(ExitCode.BAD_INPUT, "cannot set up TLS for the pool: " + e.getMessage(), e);
        }
    }

    public SSLSocketFactory socketFactory() {
        return socketFactory;
    }

    /** What is trusted, for --debug logs. */
    public String description() {
        return description;
    }

    private static KeyStore loadTrustStore(Path file, char[] password) throws GeneralSecurityException {
        if (!Files.isReadable(file)) {
            throw new UserFacingException(ExitCode.BAD_INPUT, "xapi.truststore " + file + " cannot be read");
        }
        try (InputStream in = Files.newInputStream(file)) {
            // KeyStore.getInstance(File, ...) would detect the type; reading PKCS12 first then JKS keeps it simple.
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, password.length == 0 ? null : password);
            return store;
        } catch (IOException e) {
            try {
                return KeyStore.getInstance(file.toFile(), password.length == 0 ? null : password);
            } catch (IOException | GeneralSecurityException second) {
                throw new UserFacingException(ExitCode.BAD_INPUT, "xapi.truststore " + file
                        + " is not a readable PKCS12 or JKS truststore (or xapi.truststorePassword is wrong)");
            }
        }
    }

    private static X509ExtendedTrustManager pkix(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager available");
    }

    private static SSLSocketFactory socketFactory(TrustManager trustManager) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustManager}, null);
        return context.getSocketFactory();
    }
}
