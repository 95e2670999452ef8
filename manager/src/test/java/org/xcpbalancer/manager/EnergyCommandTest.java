package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.HOSTPOWERACTION;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.core.state.HostPowerActionRepository;
import org.xcpbalancer.core.state.PowerActionKind;
import org.xcpbalancer.core.state.PowerActionState;
import org.xcpbalancer.manager.console.OutputFormat;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * SHOW ENERGY on the paper pool's rows: Host2's twelve samples (40 % rising to 100 %) and Host1 powered off by
 * xcp-balancer half an hour before the console's clock, at the default 100 W idle / 300 W at full CPU.
 */
@ExtendWith(MariaDbExtension.class)
class EnergyCommandTest {
    private final ConsoleDriver console;

    EnergyCommandTest(TestDatabase db) {
        this.console = new ConsoleDriver(db.database());
    }

    @BeforeAll
    static void fillPool(TestDatabase db) {
        int poolId = PaperPoolFixture.insert(db.database());
        PaperPoolFixture.insertHistory(db.database(), poolId);
        db.database().dsl().deleteFrom(HOSTPOWERACTION).execute();
        HostPowerActionRepository actions = new HostPowerActionRepository(db.database());
        long id = actions.start(poolId, null, PaperPoolFixture.HOST1, "Host1", PowerActionKind.POWER_OFF,
                "Host1 (idle 100 W) is powered off once empty", PaperPoolFixture.NOW.minus(Duration.ofMinutes(31)),
                null);
        actions.finish(id, PowerActionState.DONE, null, PaperPoolFixture.NOW.minus(Duration.ofMinutes(30)));
    }

    @Test
    void showEnergySaysWhatEachHostUsedAndWhatPoweringOffSaved() {
        List<String> lines = console.piped("SHOW ENERGY SINCE 1h").outLines();

        assertThat(lines.get(0)).isEqualTo("Energy of pool paper over the last 1h, estimated from the hosts' CPU load"
                + " (density.hostWatts, density.idleWatts, density.maxWatts):");
        assertThat(lines.get(1)).containsSubsequence("HOST", "OFF", "USED kWh", "SAVED kWh");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Host1").endsWith("0.000      0.050"));
        // 11 one-minute steps (180..300 W) and the last sample's 42 s at 300 W: 51.5 Wh
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Host2").endsWith("0.052      0.000"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo(
                "Total: used 0.052 kWh; all hosts on 0.102 kWh; saved 0.050 kWh (49.3 %).");
    }

    @Test
    void theDefaultPeriodIsADayAndJsonCarriesWattHours() throws Exception {
        String out = console.format(OutputFormat.JSON).piped("SHOW ENERGY").out();
        JsonNode json = new ObjectMapper().readTree(out.lines().findFirst().orElseThrow());

        assertThat(json.path("periodSeconds").asLong()).isEqualTo(86_400);
        assertThat(json.path("savedWh").asDouble()).isEqualTo(50.0);
        assertThat(json.path("hosts")).extracting(h -> h.path("name").asText()).containsExactly("Host1", "Host2");
    }

    @Test
    void aBadPeriodIsOneLine() {
        ConsoleDriver.Transcript t = console.piped("SHOW ENERGY SINCE 0s", "SHOW ENERGY SINCE soon");

        assertThat(t.errLines()).hasSize(2);
        assertThat(t.errLines().get(0)).contains("SINCE takes a duration from 1s to 366d, not '0s'");
        assertThat(t.errLines().get(1)).contains("SINCE 'soon'");
    }
}
