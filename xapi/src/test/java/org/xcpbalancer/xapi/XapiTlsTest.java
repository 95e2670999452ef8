package org.xcpbalancer.xapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.XapiSettings;

/** https to the pool: pinned fingerprints, truststore files and the system trust store, per connection. */
class XapiTlsTest {
    private static final String WRONG_PIN = "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:"
            + "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";

    @TempDir
    static Path dir;
    static SelfSignedHttpsServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = SelfSignedHttpsServer.start(dir, "ip:127.0.0.1");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static XapiSettings settings(Optional<Path> truststore, Secret storePassword, Optional<String> pin) {
        return new XapiSettings(server.url(), "root", Secret.of("top-secret-pw"), truststore, storePassword, pin,
                Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    @Test
    void pinnedRightFingerprintIsAccepted() {
        String pin = CertificateFingerprint.sha256(server.certificate());
        try (XapiSession session = XapiSession.open(settings(Optional.empty(), Secret.EMPTY, Optional.of(pin)))) {
            assertThat(session.connection().getSessionReference()).isEqualTo("OpaqueRef:test-session");
            assertThat(session.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void pinAcceptsLowerCaseWithoutColonsAndAmongSeveral() {
        String pin = CertificateFingerprint.sha256(server.certificate()).replace(":", "").toLowerCase();
        try (XapiSession session = XapiSession.open(settings(Optional.empty(), Secret.EMPTY,
                Optional.of(WRONG_PIN + ", " + pin)))) {
            assertThat(session.connection().getSessionReference()).isEqualTo("OpaqueRef:test-session");
        }
    }

    @Test
    void pinnedWrongFingerprintIsRejectedWithOneLineNamingTheRealOne() {
        int postsBefore = server.posts.get();
        assertThatThrownBy(() -> XapiSession.open(settings(Optional.empty(), Secret.EMPTY, Optional.of(WRONG_PIN))))
                .isInstanceOfSatisfying(UserFacingException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.CERTIFICATE_REJECTED);
                    assertThat(e.getMessage()).doesNotContain("\n")
                            .contains(server.url().toString())
                            .contains(CertificateFingerprint.sha256(server.certificate()))
                            .contains("does not match xapi.certificateSha256")
                            .doesNotContain("top-secret-pw");
                });
        // Nothing, in particular not the password, was sent to the untrusted server.
        assertThat(server.posts.get()).isEqualTo(postsBefore);
    }

    @Test
    void selfSignedCertificateIsRejectedByTheSystemTrustStore() {
        assertThatThrownBy(() -> XapiSession.open(settings(Optional.empty(), Secret.EMPTY, Optional.empty())))
                .isInstanceOfSatisfying(UserFacingException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.CERTIFICATE_REJECTED);
                    assertThat(e.getMessage()).doesNotContain("\n").contains("is not trusted by the system trust store")
                            .contains("xapi.certificateSha256");
                });
    }

    @Test
    void truststoreFileHoldingTheCertificateIsAccepted() throws Exception {
        Path trust = server.trustStore(dir);
        try (XapiSession session = XapiSession.open(settings(Optional.of(trust),
                Secret.of(SelfSignedHttpsServer.STORE_PASSWORD), Optional.empty()))) {
            assertThat(session.connection().getSessionReference()).isEqualTo("OpaqueRef:test-session");
        }
    }

    @Test
    void truststoreStillChecksTheHostName() throws Exception {
        Path otherDir = Files.createTempDirectory(dir, "other");
        try (SelfSignedHttpsServer otherName = SelfSignedHttpsServer.start(otherDir, "dns:pool.example.com")) {
            Path trust = otherName.trustStore(otherDir);
            XapiSettings settings = new XapiSettings(otherName.url(), "root", Secret.of("pw"), Optional.of(trust),
                    Secret.of(SelfSignedHttpsServer.STORE_PASSWORD), Optional.empty(), Duration.ofSeconds(5),
                    Duration.ofSeconds(10));
            assertThatThrownBy(() -> XapiSession.open(settings))
                    .isInstanceOfSatisfying(UserFacingException.class,
                            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.CERTIFICATE_REJECTED));
        }
    }

    @Test
    void malformedPinIsBadInput() {
        assertThatThrownBy(() -> XapiSession.open(settings(Optional.empty(), Secret.EMPTY, Optional.of("AB:CD"))))
                .isInstanceOfSatisfying(UserFacingException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                    assertThat(e.getMessage()).contains("xapi.certificateSha256").contains("AB:CD");
                });
    }

    @Test
    void rrdStyleGetUsesTheSameTrust() throws Exception {
        String pin = CertificateFingerprint.sha256(server.certificate());
        try (XapiSession session = XapiSession.open(settings(Optional.empty(), Secret.EMPTY, Optional.of(pin)))) {
            byte[] body = session.httpGet("127.0.0.1", "/rrd_updates", "start=0", Duration.ofSeconds(5));
            assertThat(body).isNotEmpty();
            assertThat(session.requestCount()).isEqualTo(2);
        }
    }
}
