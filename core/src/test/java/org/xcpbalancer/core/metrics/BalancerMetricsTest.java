package org.xcpbalancer.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BalancerMetricsTest {

    @Test
    void aProgramOfOnePoolLabelsItsRunsByOutcomeOnly() throws IOException {
        BalancerMetrics metrics = new BalancerMetrics();
        metrics.collection("success", Duration.ofMillis(1500), 11);
        metrics.controlRun("Main Pool", "migrated");
        metrics.migration("succeeded");

        assertThat(exposition(metrics)).contains("xcp_collection_runs_total{outcome=\"success\"} 1.0",
                "xcp_collection_duration_seconds 1.5", "xcp_collection_xapi_requests 11.0",
                "xcp_control_runs_total{outcome=\"migrated\"} 1.0", "xcp_migrations_total{outcome=\"succeeded\"} 1.0");
    }

    @Test
    void aProgramOfSeveralPoolsLabelsEverySeriesWithItsPool() throws IOException {
        BalancerMetrics metrics = BalancerMetrics.perPool();
        metrics.collection("alpha", "success", Duration.ofMillis(500), 5);
        metrics.collection("beta", "partial", Duration.ofSeconds(2), 9);
        metrics.failedCollection("beta");
        metrics.controlRun("alpha", "balanced");
        metrics.migration("beta", "failed");

        assertThat(exposition(metrics)).contains("xcp_collection_runs_total{outcome=\"success\",pool=\"alpha\"} 1.0",
                "xcp_collection_runs_total{outcome=\"partial\",pool=\"beta\"} 1.0",
                "xcp_collection_runs_total{outcome=\"failed\",pool=\"beta\"} 1.0",
                "xcp_collection_duration_seconds{pool=\"alpha\"} 0.5", "xcp_collection_duration_seconds{pool=\"beta\"} 2.0",
                "xcp_collection_xapi_requests{pool=\"beta\"} 9.0",
                "xcp_control_runs_total{outcome=\"balanced\",pool=\"alpha\"} 1.0",
                "xcp_migrations_total{outcome=\"failed\",pool=\"beta\"} 1.0");
    }

    @Test
    void aSeriesOfSeveralPoolsWithoutItsPoolIsAProgrammingError() {
        assertThatThrownBy(() -> BalancerMetrics.perPool().controlRun(null, "balanced"))
                .isInstanceOf(NullPointerException.class).hasMessage("a per-pool series needs its pool");
    }

    private static String exposition(BalancerMetrics metrics) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(out, metrics.registry().scrape());
        return out.toString(StandardCharsets.UTF_8);
    }
}
