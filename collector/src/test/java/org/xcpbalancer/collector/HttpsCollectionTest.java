package org.xcpbalancer.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.xcpbalancer.core.db.generated.Tables.HOST;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;
import org.xcpbalancer.xapi.CertificateFingerprint;

/** A whole collection over https (XML-RPC and every host's /rrd_updates) with a pinned self-signed certificate. */
@ExtendWith(MariaDbExtension.class)
class HttpsCollectionTest {
    @TempDir
    static Path dir;
    static RunningSimulator simulator;
    static TlsFrontEnd https;

    @BeforeAll
    static void start() throws Exception {
        simulator = SimulatedPool.paper(SimulatorOptions.defaults());
        https = new TlsFrontEnd(dir, simulator.model().hosts().stream().map(h -> h.address()).toList(), simulator.port());
    }

    @AfterAll
    static void stop() throws Exception {
        https.close();
        simulator.close();
    }

    private static XapiSettings pinned(String fingerprint) {
        URI url = URI.create("https://" + simulator.model().master().address() + ":" + https.port());
        return new XapiSettings(url, "root", Secret.of("root"), Optional.empty(), Secret.EMPTY, Optional.of(fingerprint),
                Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    @Test
    void pinnedCertificateCollectsEverythingOverHttps(TestDatabase database) {
        CollectionResult result = OneCollection.collect(pinned(CertificateFingerprint.sha256(https.certificate())),
                database.database());
        assertThat(result.outcome()).isEqualTo(CollectionResult.Outcome.SUCCESS);
        // the metrics came over https from each host's own address
        assertThat(database.database().dsl().select(HOST.CpuAverage).from(HOST).where(HOST.Name.eq("Host2"))
                .fetchSingle(HOST.CpuAverage)).isCloseTo(100.0, within(1.0));
    }

    @Test
    void wrongPinIsCertificateRejected(TestDatabase database) {
        String wrong = "AA:".repeat(31) + "AA";
        assertThatThrownBy(() -> OneCollection.collect(pinned(wrong), database.database()))
                .isInstanceOfSatisfying(UserFacingException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.CERTIFICATE_REJECTED);
                    assertThat(e.getMessage()).doesNotContain("\n")
                            .contains(CertificateFingerprint.sha256(https.certificate()));
                });
    }
}
