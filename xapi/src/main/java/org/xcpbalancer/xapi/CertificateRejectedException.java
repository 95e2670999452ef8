package org.xcpbalancer.xapi;

import java.security.cert.CertificateException;

/**
 * Thrown by {@link VerifyingTrustManager} with the one line the user sees: which certificate, its fingerprint,
 * and what to configure. It travels inside the SSL handshake exception and is found again by {@link XapiErrors}.
 */
public final class CertificateRejectedException extends CertificateException {
    private static final long serialVersionUID = 1L;

    public CertificateRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
