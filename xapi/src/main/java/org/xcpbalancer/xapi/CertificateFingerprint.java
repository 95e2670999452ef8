package org.xcpbalancer.xapi;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * SHA-256 fingerprints of certificates, written as openssl prints them (AA:BB:...). Parsing accepts upper or
 * lower case, with or without colons, so a value copied from {@code openssl x509 -fingerprint -sha256} or from
 * XCP-ng's console works as is.
 */
public final class CertificateFingerprint {
    private static final int SHA256_HEX_DIGITS = 64;

    private CertificateFingerprint() {
    }

    /** The certificate's SHA-256 fingerprint, AA:BB:... (upper case, colons). */
    public static String sha256(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return withColons(HexFormat.of().withUpperCase().formatHex(digest));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute a certificate fingerprint: " + e.getMessage(), e);
        }
    }

    /**
     * The fingerprints in a setting value: one, or several separated by commas or spaces (each host of a pool
     * has its own certificate, and the collector also talks to every host for its metrics).
     *
     * @throws IllegalArgumentException naming the value that is not a SHA-256 fingerprint
     */
    public static Set<String> parseList(String text) {
        Set<String> fingerprints = new LinkedHashSet<>();
        for (String part : text.split("[,\\s]+")) {
            if (!part.isEmpty()) {
                fingerprints.add(parse(part));
            }
        }
        if (fingerprints.isEmpty()) {
            throw new IllegalArgumentException("xapi.certificateSha256 holds no fingerprint");
        }
        return fingerprints;
    }

    static String parse(String text) {
        String hex = text.replace(":", "").toUpperCase(Locale.ROOT);
        if (hex.length() != SHA256_HEX_DIGITS || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("xapi.certificateSha256 value " + text
                    + " is not a SHA-256 fingerprint; expected 64 hex digits, colons optional");
        }
        return withColons(hex);
    }

    private static String withColons(String hex) {
        String[] pairs = new String[hex.length() / 2];
        Arrays.setAll(pairs, i -> hex.substring(2 * i, 2 * i + 2));
        return String.join(":", pairs);
    }
}
