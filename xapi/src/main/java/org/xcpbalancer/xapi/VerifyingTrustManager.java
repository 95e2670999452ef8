package org.xcpbalancer.xapi;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.xcpbalancer.core.cli.ErrorText;

/**
 * Decides whether a pool host's certificate is trusted: either it is one of the pinned SHA-256 fingerprints
 * (the usual case with XCP-ng's self-signed certificates: the pin is the identity, so host names are not
 * checked), or the delegate (a PKIX trust manager over the system trust store or a truststore file, which also
 * checks the host name) accepts it. A rejection names the certificate's fingerprint so the user can pin it after
 * checking it. There is deliberately no way to trust everything.
 */
final class VerifyingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private final Set<String> pinnedSha256;
    private final String trustSource;

    private VerifyingTrustManager(X509ExtendedTrustManager delegate, Set<String> pinnedSha256, String trustSource) {
        this.delegate = delegate;
        this.pinnedSha256 = pinnedSha256;
        this.trustSource = trustSource;
    }

    static VerifyingTrustManager pinned(Set<String> pinnedSha256) {
        return new VerifyingTrustManager(null, Set.copyOf(pinnedSha256), "xapi.certificateSha256");
    }

    static VerifyingTrustManager delegating(X509ExtendedTrustManager delegate, String trustSource) {
        return new VerifyingTrustManager(delegate, Set.of(), trustSource);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, () -> delegate.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, () -> delegate.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, () -> delegate.checkServerTrusted(chain, authType));
    }

    private interface Check {
        void run() throws CertificateException;
    }

    private void check(X509Certificate[] chain, Check delegateCheck) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateRejectedException("the pool presented no certificate", null);
        }
        String fingerprint = CertificateFingerprint.sha256(chain[0]);
        if (delegate == null) {
            if (!pinnedSha256.contains(fingerprint)) {
                throw new CertificateRejectedException("certificate " + subject(chain[0]) + " with SHA-256 "
                        + fingerprint + " does not match " + trustSource, null);
            }
            return;
        }
        try {
            delegateCheck.run();
        } catch (CertificateException e) {
            throw new CertificateRejectedException("certificate " + subject(chain[0]) + " with SHA-256 " + fingerprint
                    + " is not trusted by " + trustSource + " (" + ErrorText.firstLine(e.getMessage())
                    + "); set xapi.truststore or pin it with xapi.certificateSha256", e);
        }
    }

    private static String subject(X509Certificate certificate) {
        return "\"" + certificate.getSubjectX500Principal().getName() + "\"";
    }


    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("client certificates are not used");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("client certificates are not used");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not used");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate == null ? new X509Certificate[0] : delegate.getAcceptedIssuers();
    }
}
