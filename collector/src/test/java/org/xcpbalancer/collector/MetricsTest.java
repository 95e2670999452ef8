package org.xcpbalancer.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.xcpbalancer.core.db.generated.Tables.COLLECTIONRUN;
import static org.xcpbalancer.core.db.generated.Tables.HOST;
import static org.xcpbalancer.testkit.PrometheusScrape.value;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.testkit.ChildProgram;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.PrometheusScrape;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Issue 11: Prometheus metrics of a real xcp-collect (child JVM): the service's endpoint scraped over HTTP, and
 * the one-shot run's --metrics-file, both checked against what was collected into the database.
 */
@ExtendWith(MariaDbExtension.class)
class MetricsTest {
    @TempDir
    Path dir;

    @Test
    void theServiceServesMetricsOnItsLoopbackPort(TestDatabase database) throws Exception {
        int port = PrometheusScrape.freePort();
        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults())) {
            Path settings = settings(database, simulator, "metrics.listen=127.0.0.1:" + port);
            Process service = ChildProgram.start(CollectorMain.class, dir.resolve("service.log"), "--settings",
                    settings.toString(), "--interval", "5s");
            try {
                String scraped = PrometheusScrape.until(port, Duration.ofSeconds(90), service,
                        text -> text.contains("xcp_collection_runs_total{outcome=\"success\"}"));
                DSLContext db = database.database().dsl();
                double host2Cpu = db.select(HOST.CpuAverage).from(HOST).where(HOST.Name.eq("Host2")).fetchSingle(HOST.CpuAverage);
                assertThat(value(scraped, "xcp_host_cpu_percent{host=\"Host2\",pool=\"Main Pool\"}"))
                        .isCloseTo(host2Cpu, within(0.5));
                assertThat(value(scraped, "xcp_host_memory_used_percent{host=\"Host1\",pool=\"Main Pool\"}"))
                        .isBetween(0.0, 100.0);
                assertThat(value(scraped, "xcp_collection_runs_total{outcome=\"success\"}")).isGreaterThanOrEqualTo(1.0);
                assertThat(db.select(COLLECTIONRUN.XapiRequests).from(COLLECTIONRUN).fetch(COLLECTIONRUN.XapiRequests))
                        .contains((int) value(scraped, "xcp_collection_xapi_requests"));
                assertThat(value(scraped, "xcp_collection_duration_seconds")).isPositive().isLessThan(30.0);
                assertThat(value(scraped, "xcp_data_age_seconds{pool=\"Main Pool\"}")).isBetween(0.0, 60.0);
            } finally {
                service.destroy();
                service.waitFor(60, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aOneShotRunWritesTheTextfileForNodeExporter(TestDatabase database) throws Exception {
        Path file = dir.resolve("xcp-collect.prom");
        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults())) {
            ChildProgram.Result run = ChildProgram.run(dir, CollectorMain.class, Duration.ofSeconds(90), "--settings",
                    settings(database, simulator).toString(), "--metrics-file", file.toString());
            assertThat(run.exitCode()).as(run.all()).isZero();
        }
        String text = Files.readString(file);
        assertThat(value(text, "xcp_collection_runs_total{outcome=\"success\"}")).isEqualTo(1.0);
        assertThat(value(text, "xcp_collection_xapi_requests")).isEqualTo(database.database().dsl()
                .select(COLLECTIONRUN.XapiRequests).from(COLLECTIONRUN).orderBy(COLLECTIONRUN.Id.desc()).limit(1)
                .fetchSingle(COLLECTIONRUN.XapiRequests).doubleValue());
        double host2Cpu = database.database().dsl().select(HOST.CpuAverage).from(HOST).where(HOST.Name.eq("Host2"))
                .fetchSingle(HOST.CpuAverage);
        assertThat(value(text, "xcp_host_cpu_percent{host=\"Host2\",pool=\"Main Pool\"}")).isCloseTo(host2Cpu, within(0.5));
        assertThat(text).contains("# HELP xcp_collection_runs_total");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file left").noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    private Path settings(TestDatabase database, RunningSimulator simulator, String... extra) throws Exception {
        Path settings = Files.createTempFile(dir, "settings", ".properties");
        Files.writeString(settings, "xapi.url=" + simulator.masterUrl() + "\nxapi.password=root\n"
                + "db.url=" + database.jdbcUrl() + "\ndb.username=root\n" + String.join("\n", extra) + "\n");
        Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-------"));
        return settings;
    }
}
