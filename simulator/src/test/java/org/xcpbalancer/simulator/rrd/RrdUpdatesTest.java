package org.xcpbalancer.simulator.rrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.simulator.SimulatedPool;
import org.xcpbalancer.simulator.model.ManualClock;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.model.SimClock;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;

class RrdUpdatesTest {
    /** 12:00:02 - two seconds after a minute boundary, so the newest 5 s row is 12:00:00. */
    private static final Instant START = Instant.parse("2026-01-01T12:00:02Z");
    private static final long START_ROW = Instant.parse("2026-01-01T12:00:00Z").getEpochSecond();
    private final ManualClock clock = SimClock.manual(START);
    private SimulatedPool simulated;
    private PoolModel model;
    private RrdUpdatesRenderer renderer;
    private SimHost host1;
    private SimHost host2;
    private SimVm vm1;
    private SimVm vm2;
    private SimVm vm3;

    @BeforeEach
    void paperPool() throws Exception {
        simulated = SimulatedPool.create(ScenarioLoader.builtin("paper-unbalanced"), clock, 1);
        model = simulated.model();
        renderer = new RrdUpdatesRenderer(simulated.rrd());
        host1 = model.hostByName("Host1");
        host2 = model.hostByName("Host2");
        vm1 = model.vmByName("VM1 - Debian");
        vm2 = model.vmByName("VM2 - Debian");
        vm3 = model.vmByName("VM3 - Ubuntu");
    }

    private long now() {
        return clock.now().getEpochSecond();
    }

    @Test
    void xmlIsXportWithHostAndResidentVmsNewestFirst() throws Exception {
        String xml = renderer.xml(host2, now() - 60, 5, true, null);

        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xport><meta><start>")
                .endsWith("</row></data></xport>").doesNotContain(" <").doesNotContain("\n<meta");
        RrdXport xport = RrdXport.parse(xml);
        assertThat(xport.step()).isEqualTo(5);
        assertThat(xport.end()).isEqualTo(START_ROW);
        // start=now-60 -> rows at 12:00:00 back to 11:59:05 (12 rows); meta start is the first row after start.
        assertThat(xport.rows()).isEqualTo(12).isEqualTo(xport.times().size());
        assertThat(xport.start()).isEqualTo(START_ROW - 55);
        assertThat(xport.times()).first().isEqualTo(START_ROW);
        for (int i = 1; i < xport.times().size(); i++) {
            assertThat(xport.times().get(i)).isEqualTo(xport.times().get(i - 1) - 5);
        }
        assertThat(xport.columns()).isEqualTo(xport.legend().size());
        assertThat(xport.values()).allSatisfy(row -> assertThat(row).hasSize(xport.columns()));

        String h = "AVERAGE:host:" + host2.uuid() + ":";
        assertThat(xport.legend()).startsWith(h + "cpu0", h + "cpu1", h + "cpu2", h + "cpu3", h + "cpu_avg",
                h + "loadavg", h + "memory_total_kib", h + "memory_free_kib", h + "xapi_memory_usage_kib",
                h + "xapi_free_memory_kib", h + "pif_lo_rx", h + "pif_lo_tx", h + "pif_eth0_rx", h + "pif_eth0_tx");
        String v = "AVERAGE:vm:" + vm2.uuid() + ":";
        assertThat(xport.legend()).containsSubsequence(v + "cpu0", v + "cpu1", v + "memory",
                v + "memory_internal_free", v + "vif_0_rx", v + "vif_0_tx", v + "vbd_xvda_read", v + "vbd_xvda_write");
        SimVm dom0 = host2.controlDomain();
        assertThat(xport.legend()).contains("AVERAGE:vm:" + dom0.uuid() + ":cpu0", "AVERAGE:vm:" + dom0.uuid()
                + ":memory").doesNotContain("AVERAGE:vm:" + dom0.uuid() + ":memory_internal_free");
        assertThat(xport.legend()).anyMatch(l -> l.contains(vm3.uuid()))
                .noneMatch(l -> l.contains(vm1.uuid()))
                .noneMatch(l -> l.contains(host1.uuid()))
                .noneMatch(l -> l.contains(host1.controlDomain().uuid()));
    }

    @Test
    void valuesAreTheLoadModels() throws Exception {
        RrdXport host2Rows = RrdXport.parse(renderer.xml(host2, now() - 30, 5, true, null));
        RrdXport host1Rows = RrdXport.parse(renderer.xml(host1, now() - 30, 5, true, null));
        double scale = 4 / 4.01;
        for (int row = 0; row < host2Rows.rows(); row++) {
            assertThat(host2Rows.value(row, host2.uuid(), "cpu_avg")).isEqualTo(1.0);
            assertThat(host2Rows.value(row, host2.uuid(), "cpu3")).isEqualTo(1.0);
            assertThat(host2Rows.value(row, vm2.uuid(), "cpu0")).isCloseTo(scale, within(1e-14));
            assertThat(host2Rows.value(row, vm3.uuid(), "cpu2")).isCloseTo(0.67 * scale, within(1e-14));
            assertThat(host2Rows.value(row, vm2.uuid(), "memory")).isEqualTo(256.0 * 1024 * 1024);
            assertThat(host2Rows.value(row, host2.uuid(), "memory_free_kib"))
                    .isEqualTo(model.hostFreeMemoryBytes(host2) / 1024.0);
            assertThat(host1Rows.value(row, host1.uuid(), "cpu_avg")).isCloseTo(0.26, within(1e-14));
            assertThat(host1Rows.value(row, vm1.uuid(), "cpu1")).isEqualTo(0.5);
            assertThat(host1Rows.value(row, vm1.uuid(), "vif_0_rx")).isEqualTo(8 * 1024.0);
        }
        assertThat(RrdXport.parse(renderer.xml(host1, now() - 30, 5, true, null)).values().get(0))
                .contains("0.26", "0.5", "4166656", "0.01");
    }

    @Test
    void jsonHasTheSameContentWithEveryNumberAString() throws Exception {
        String json = renderer.json(host1, now() - 20, 5, true, null);
        RrdXport xml = RrdXport.parse(renderer.xml(host1, now() - 20, 5, true, null));
        JsonNode root = new ObjectMapper().readTree(json);

        JsonNode meta = root.get("meta");
        for (String field : List.of("start", "step", "end", "rows", "columns")) {
            assertThat(meta.get(field).isTextual()).as(field).isTrue();
        }
        assertThat(meta.get("start").asLong()).isEqualTo(xml.start());
        assertThat(meta.get("end").asLong()).isEqualTo(xml.end());
        assertThat(meta.get("rows").asInt()).isEqualTo(xml.rows());
        List<String> legend = new ArrayList<>();
        meta.get("legend").forEach(e -> legend.add(e.asText()));
        assertThat(legend).isEqualTo(xml.legend());
        JsonNode data = root.get("data");
        assertThat(data).hasSize(xml.rows());
        for (int r = 0; r < xml.rows(); r++) {
            assertThat(data.get(r).get("t").isTextual()).isTrue();
            assertThat(data.get(r).get("t").asLong()).isEqualTo(xml.times().get(r));
            List<String> values = new ArrayList<>();
            data.get(r).get("values").forEach(value -> {
                assertThat(value.isTextual()).isTrue();
                values.add(value.asText());
            });
            assertThat(values).isEqualTo(xml.values().get(r));
        }
        assertThat(json).startsWith("{\"meta\":{\"start\":\"").doesNotContain(" ");
    }

    @Test
    void startSelectsTheArchive() throws Exception {
        // Within the last 10 minutes: the 5 s archive.
        assertThat(RrdXport.parse(renderer.xml(host1, now() - 599, 5, true, null)).step()).isEqualTo(5);
        // Older than the 5 s archive reaches: 60 s rows, even when asking for 5 s.
        RrdXport minutes = RrdXport.parse(renderer.xml(host1, now() - 3600, 5, true, null));
        assertThat(minutes.step()).isEqualTo(60);
        assertThat(minutes.rows()).isEqualTo(60);
        assertThat(minutes.end()).isEqualTo(START_ROW);
        // interval=60 asks for the 60 s archive even for recent data.
        assertThat(RrdXport.parse(renderer.xml(host1, now() - 120, 60, true, null)).step()).isEqualTo(60);
        // Older than 2 hours: hourly rows.
        RrdXport hours = RrdXport.parse(renderer.xml(host1, now() - 86_400, 5, true, null));
        assertThat(hours.step()).isEqualTo(3600);
        assertThat(hours.rows()).isEqualTo(24);
        assertThat(hours.value(0, host1.uuid(), "cpu_avg")).isCloseTo(0.26, within(1e-14));
        // Older than every archive: the longest one, all of it.
        assertThat(RrdXport.parse(renderer.xml(host1, 0, 5, true, null)).rows()).isEqualTo(168);
        // Longer rows than any archive holds: xcp-rrdd's No_RRA_Available.
        assertThatThrownBy(() -> renderer.xml(host1, now() - 60, 86_400, true, null))
                .isInstanceOf(NoRraAvailableException.class);
    }

    @Test
    void startInTheFutureGivesNoRowsAndNegativeStartIsRelative() throws Exception {
        String xml = renderer.xml(host1, now() + 3600, 5, true, null);
        assertThat(xml).contains("<rows>0</rows>").contains("<data/>");
        RrdXport future = RrdXport.parse(xml);
        assertThat(future.rows()).isZero();
        assertThat(future.columns()).isEqualTo(future.legend().size()).isPositive();
        assertThat(renderer.json(host1, now() + 3600, 5, true, null)).contains("\"rows\":\"0\"").endsWith("\"data\":[]}");

        RrdXport relative = RrdXport.parse(renderer.xml(host1, -30, 5, true, null));
        assertThat(relative.times()).containsExactly(START_ROW, START_ROW - 5, START_ROW - 10, START_ROW - 15,
                START_ROW - 20, START_ROW - 25, START_ROW - 30);
    }

    @Test
    void hostFalseAndVmUuidFilter() throws Exception {
        RrdXport onlyVms = RrdXport.parse(renderer.xml(host2, now() - 10, 5, false, null));
        assertThat(onlyVms.legend()).allMatch(l -> l.startsWith("AVERAGE:vm:"));
        RrdXport oneVm = RrdXport.parse(renderer.xml(host2, now() - 10, 5, false, vm3.uuid()));
        assertThat(oneVm.legend()).isNotEmpty().allMatch(l -> l.startsWith("AVERAGE:vm:" + vm3.uuid() + ":"));
        RrdXport hostAndVm = RrdXport.parse(renderer.xml(host2, now() - 10, 5, true, vm3.uuid()));
        assertThat(hostAndVm.legend()).anyMatch(l -> l.startsWith("AVERAGE:host:"))
                .noneMatch(l -> l.contains(vm2.uuid()));
        // A VM that is not resident here: nothing to export.
        assertThatThrownBy(() -> renderer.xml(host2, now() - 10, 5, false, vm1.uuid()))
                .isInstanceOf(NoRraAvailableException.class);
    }

    @Test
    void aMigratedVmTakesItsHistoryAlongAndPastRowsShowThePastPlacement() throws Exception {
        clock.advance(Duration.ofSeconds(60));
        long moveTime = now();
        model.moveVm(vm3, host1);
        clock.advance(Duration.ofSeconds(60));

        RrdXport host1Rows = RrdXport.parse(renderer.xml(host1, now() - 120, 5, true, null));
        RrdXport host2Rows = RrdXport.parse(renderer.xml(host2, now() - 120, 5, true, null));
        assertThat(host2Rows.legend()).noneMatch(l -> l.contains(vm3.uuid()));
        assertThat(host1Rows.legend()).anyMatch(l -> l.contains(vm3.uuid()));
        long lastRowBeforeMove = Math.floorDiv(moveTime, 5) * 5;
        for (int r = 0; r < host1Rows.rows(); r++) {
            long t = host1Rows.times().get(r);
            boolean after = t > lastRowBeforeMove;
            // VM3's own history: scaled down on the crowded Host2 before, what it asks for on Host1 after.
            assertThat(host1Rows.value(r, vm3.uuid(), "cpu0")).as("VM3 at %d", t)
                    .isCloseTo(after ? 0.67 : 0.67 * 4 / 4.01, within(1e-14));
            assertThat(host1Rows.value(r, host1.uuid(), "cpu_avg")).as("Host1 at %d", t)
                    .isCloseTo(after ? 0.7625 : 0.26, within(1e-14));
            assertThat(host2Rows.value(r, host2.uuid(), "cpu_avg")).as("Host2 at %d", t)
                    .isCloseTo(after ? 0.51 : 1.0, within(1e-14));
        }
    }

    @Test
    void minuteRowsAverageTheirFiveSecondPoints() throws Exception {
        // 12:00:02 -> advance to 12:01:30: the minute 12:01:00-12:02:00 has 6 points at 0.5 ...
        clock.advance(Duration.ofSeconds(88));
        model.setVmCpuDemand(vm1, 0.9);
        // ... and 6 points at 0.9.
        clock.advance(Duration.ofSeconds(30));
        RrdXport minutes = RrdXport.parse(renderer.xml(host1, now() - 300, 60, true, null));
        assertThat(minutes.times().get(0)).isEqualTo(START_ROW + 120);
        assertThat(minutes.value(0, vm1.uuid(), "cpu0")).isCloseTo((6 * 0.5 + 6 * 0.9) / 12, within(1e-12));
        assertThat(minutes.value(1, vm1.uuid(), "cpu0")).isEqualTo(0.5);
        RrdXport fiveSeconds = RrdXport.parse(renderer.xml(host1, now() - 60, 5, true, null));
        assertThat(fiveSeconds.value(0, vm1.uuid(), "cpu0")).isEqualTo(0.9);
    }

    @Test
    void aLongSilenceIsBridgedWithoutHoles() throws Exception {
        clock.advance(Duration.ofHours(5));
        RrdXport rows = RrdXport.parse(renderer.xml(host2, now() - 600, 5, true, null));
        assertThat(rows.rows()).isEqualTo(120);
        assertThat(rows.values()).allSatisfy(row -> assertThat(row).doesNotContain("NaN"));
        RrdXport minutes = RrdXport.parse(renderer.xml(host2, now() - 7000, 60, true, null));
        assertThat(minutes.values()).allSatisfy(row -> assertThat(row).doesNotContain("NaN"));
        // The minute in progress after the bridge still consolidates to a value.
        clock.advance(Duration.ofSeconds(60));
        RrdXport next = RrdXport.parse(renderer.xml(host2, now() - 120, 60, true, null));
        assertThat(next.value(0, host2.uuid(), "cpu_avg")).isEqualTo(1.0);
    }

    @Test
    void latestValueAndDataSourcesForQueryDataSource() throws Exception {
        RrdStore rrd = simulated.rrd();
        assertThat(rrd.latestValue(host2.uuid(), "cpu_avg")).isEqualTo(1.0);
        assertThat(rrd.latestValue(vm2.uuid(), "cpu1")).isCloseTo(4 / 4.01, within(1e-14));
        assertThat(rrd.latestValue(host1.uuid(), "memory_total_kib")).isEqualTo(4069 * 1024.0);
        assertThatThrownBy(() -> rrd.latestValue(host1.uuid(), "cpu9"))
                .isInstanceOf(UnknownDataSourceException.class).hasMessageContaining("cpu9");
        assertThatThrownBy(() -> rrd.latestValue("no-such-uuid", "cpu0"))
                .isInstanceOf(UnknownDataSourceException.class);

        List<DataSourceInfo> sources = rrd.dataSources(vm1.uuid());
        assertThat(sources).extracting(DataSourceInfo::nameLabel).containsExactly("cpu0", "cpu1", "memory",
                "memory_internal_free", "vif_0_rx", "vif_0_tx", "vbd_xvda_read", "vbd_xvda_write");
        DataSourceInfo cpu0 = sources.get(0);
        assertThat(cpu0.value()).isEqualTo(0.5);
        assertThat(cpu0.enabled()).isTrue();
        assertThat(cpu0.min()).isZero();
        assertThat(cpu0.max()).isEqualTo(1.0);
        assertThat(rrd.dataSources(host1.uuid())).extracting(DataSourceInfo::nameLabel)
                .contains("cpu0", "cpu3", "cpu_avg", "loadavg", "memory_free_kib", "pif_eth0_rx");
        SimVm template = model.vms().stream().filter(SimVm::isTemplate).findFirst().orElseThrow();
        assertThat(rrd.dataSources(template.uuid())).isEmpty();
    }

    @Test
    void aRowIsNeverNewerThanTheClock() throws Exception {
        clock.advance(Duration.ofSeconds(2));
        assertThat(RrdXport.parse(renderer.xml(host1, now() - 5, 5, true, null)).end()).isEqualTo(START_ROW);
        clock.advance(Duration.ofSeconds(1));
        assertThat(RrdXport.parse(renderer.xml(host1, now() - 5, 5, true, null)).end()).isEqualTo(START_ROW + 5);
        assertThat(simulated.rrd().lastUpdated()).isEqualTo(START_ROW + 5);
    }
}
