package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.HOSTMAINTENANCE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.state.HostMaintenance.State;
import org.xcpbalancer.core.state.HostMaintenanceRepository;
import org.xcpbalancer.manager.console.OutputFormat;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * EVACUATE HOST and ENABLE HOST record requests for the pool's controller (HostMaintenance), ask first on a
 * terminal, and the listings show the host's maintenance: SHOW HOSTS FULL, SHOW HOST, SHOW STATUS.
 */
@ExtendWith(MariaDbExtension.class)
class MaintenanceCommandsTest {
    private static final String USER = System.getProperty("user.name");
    private static int poolId;
    private final TestDatabase db;
    private final ConsoleDriver console;

    MaintenanceCommandsTest(TestDatabase db) {
        this.db = db;
        this.console = new ConsoleDriver(db.database());
    }

    @BeforeAll
    static void fillPool(TestDatabase db) {
        poolId = PaperPoolFixture.insert(db.database());
    }

    @BeforeEach
    void noMaintenance() {
        db.database().dsl().deleteFrom(HOSTMAINTENANCE).execute();
    }

    @Test
    void evacuateHostRecordsTheRequestAndTheListingsShowIt() throws Exception {
        var recorded = console.piped("EVACUATE HOST Host2 REASON new RAM");

        assertThat(recorded.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(recorded.outLines()).containsExactly("Evacuation of Host2 recorded (2 running VM(s)): the next"
                + " xcp-control run on the pool disables it, moves its VMs and leaves it disabled. SHOW HOST Host2 follows it.");
        var row = new HostMaintenanceRepository(db.database()).find(poolId, PaperPoolFixture.HOST2).orElseThrow();
        assertThat(row.state()).isEqualTo(State.REQUESTED);
        assertThat(row.reason()).contains("new RAM");
        assertThat(row.requestedBy()).isEqualTo(USER + " (xcp-manager)");

        assertThat(console.piped("SHOW HOSTS FULL").out()).contains("maintenance: requested");
        assertThat(console.piped("SHOW HOST Host2").outLines()).anySatisfy(l -> assertThat(l)
                .startsWith("Maintenance - requested, disabled by evacuate (requested by " + USER + " (xcp-manager) at ")
                .endsWith(": new RAM)"));
        assertThat(console.piped("SHOW STATUS").outLines()).contains("  Maintenance: Host2 (requested)");
        JsonNode status = new ObjectMapper().readTree(console.format(OutputFormat.JSON).piped("SHOW STATUS").out())
                .get("pools").get(0);
        assertThat(status.get("hostsInMaintenance").get(0).get("hostName").asText()).isEqualTo("Host2");
    }

    @Test
    void onATerminalItAsksFirstAndNoRecordsNothing() {
        var typed = console.interactive("EVACUATE HOST Host2", "N", "ENABLE HOST Host1");

        assertThat(typed.out()).contains("Evacuate Host2 (2 running VM(s)) and keep it disabled for maintenance? [Y/N]",
                "Nothing recorded.");
        assertThat(db.database().dsl().fetchCount(HOSTMAINTENANCE)).isZero();
        assertThat(typed.err()).contains("Host1 is enabled and not in maintenance: nothing to enable");
    }

    @Test
    void enableHostEndsAMaintenanceThroughThePoolsController() {
        console.piped("EVACUATE HOST Host2");
        var typed = console.interactive("ENABLE HOST Host2", "Y");

        assertThat(typed.out()).contains("Enable Host2 (in maintenance (requested, requested by " + USER
                + " (xcp-manager))) so that balancing fills it again? [Y/N]", "Enabling of Host2 recorded: the next"
                + " xcp-control run on the pool enables it; balancing then fills it again.");
        assertThat(new HostMaintenanceRepository(db.database()).find(poolId, PaperPoolFixture.HOST2).orElseThrow().state())
                .isEqualTo(State.ENABLE_REQUESTED);
    }

    @Test
    void anUnknownHostIsOneLine() {
        var typed = console.piped("EVACUATE HOST Host9");
        assertThat(typed.errLines()).containsExactly("xcp-manager: line 1: no host named or with uuid 'Host9' in pool paper"
                + " (SHOW HOSTS lists them)");
        assertThat(db.database().dsl().fetchCount(HOSTMAINTENANCE)).isZero();
    }
}
