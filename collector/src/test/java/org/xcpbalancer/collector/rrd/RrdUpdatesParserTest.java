package org.xcpbalancer.collector.rrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** /rrd_updates as xcp-rrdd writes it: compact (Xmlm, as today) and indented (as older XenServer docs show it). */
class RrdUpdatesParserTest {
    private static final String HOST = "a1b2c3d4-0000-4000-8000-000000000001";
    private static final String VM = "ecd8d7a0-1be3-4d91-bd0e-4888c0e30ab3";

    /** Compact, newest row first, one NaN in the newest row, "%0.15g" values. */
    static final String COMPACT = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xport><meta><start>1700000000</start>"
            + "<step>5</step><end>1700000010</end><rows>2</rows><columns>4</columns><legend>"
            + "<entry>AVERAGE:host:" + HOST + ":cpu0</entry><entry>AVERAGE:host:" + HOST + ":memory_free_kib</entry>"
            + "<entry>AVERAGE:vm:" + VM + ":cpu0</entry><entry>AVERAGE:vm:" + VM + ":vif_0_rx</entry>"
            + "</legend></meta><data>"
            + "<row><t>1700000010</t><v>0.25</v><v>NaN</v><v>1.0</v><v>2048.0</v></row>"
            + "<row><t>1700000005</t><v>0.2</v><v>3145728.0</v><v>0.9</v><v>1024.0</v></row>"
            + "</data></xport>";

    /** Indented, as in XenServer's "Accessing host and VM metrics" example; scientific notation. */
    static final String INDENTED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <xport>
              <meta>
                <start>1213578000</start>
                <step>3600</step>
                <end>1213617600</end>
                <rows>2</rows>
                <columns>2</columns>
                <legend>
                  <entry>AVERAGE:vm:ecd8d7a0-1be3-4d91-bd0e-4888c0e30ab3:cpu1</entry>
                  <entry>AVERAGE:vm:ecd8d7a0-1be3-4d91-bd0e-4888c0e30ab3:cpu0</entry>
                </legend>
              </meta>
              <data>
                <row>
                  <t>1213617600</t>
                  <v>0.0</v>
                  <v>2.1830333333333334e-02</v>
                </row>
                <row>
                  <t>1213614000</t>
                  <v>-nan</v>
                  <v>inf</v>
                </row>
              </data>
            </xport>
            """;

    private static RrdUpdates parse(String xml) throws RrdFormatException {
        return RrdUpdatesParser.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void compactAnswerGivesColumnsRowsAndTheNewestKnownValues() throws Exception {
        RrdUpdates updates = parse(COMPACT);
        assertThat(updates.stepSeconds()).isEqualTo(5);
        assertThat(updates.endEpochSeconds()).isEqualTo(1700000010L);
        assertThat(updates.columns()).containsExactly(new RrdColumn("AVERAGE", "host", HOST, "cpu0"),
                new RrdColumn("AVERAGE", "host", HOST, "memory_free_kib"), new RrdColumn("AVERAGE", "vm", VM, "cpu0"),
                new RrdColumn("AVERAGE", "vm", VM, "vif_0_rx"));
        assertThat(updates.rows()).hasSize(2);

        RrdUpdates.LatestValues latest = updates.latest();
        assertThat(latest.sampledAt()).isEqualTo(Instant.ofEpochSecond(1700000010L));
        assertThat(latest.of(HOST)).containsEntry("cpu0", 0.25)
                // NaN in the newest row: the previous row's value, not zero
                .containsEntry("memory_free_kib", 3145728.0);
        assertThat(latest.of(VM)).containsEntry("cpu0", 1.0).containsEntry("vif_0_rx", 2048.0);
        assertThat(latest.of("no-such-uuid")).isEmpty();
    }

    @Test
    void indentedAnswerWithScientificNotationAndNonFiniteValues() throws Exception {
        RrdUpdates.LatestValues latest = parse(INDENTED).latest();
        assertThat(latest.of(VM).get("cpu0")).isEqualTo(0.021830333333333334);
        assertThat(latest.of(VM).get("cpu1")).isEqualTo(0.0);
    }

    @Test
    void aColumnThatIsNaNInEveryRowIsAbsentNotZero() throws Exception {
        String xml = "<xport><meta><step>5</step><end>10</end><legend><entry>AVERAGE:host:h:loadavg</entry></legend>"
                + "</meta><data><row><t>10</t><v>NaN</v></row><row><t>5</t><v>nan</v></row></data></xport>";
        assertThat(parse(xml).latest().of("h")).doesNotContainKey("loadavg");
    }

    @Test
    void rowsAreOrderedByTimeWhateverTheOrderSent() throws Exception {
        String xml = "<xport><meta><legend><entry>AVERAGE:host:h:cpu0</entry></legend></meta><data>"
                + "<row><t>5</t><v>0.1</v></row><row><t>10</t><v>0.7</v></row></data></xport>";
        RrdUpdates.LatestValues latest = parse(xml).latest();
        assertThat(latest.of("h")).containsEntry("cpu0", 0.7);
        assertThat(latest.sampledAt()).isEqualTo(Instant.ofEpochSecond(10));
    }

    @Test
    void emptyAnswerHasNoValuesAndNoTime() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xport><meta><start>0</start><step>5</step><end>0</end>"
                + "<rows>0</rows><columns>0</columns><legend/></meta><data/></xport>";
        RrdUpdates.LatestValues latest = parse(xml).latest();
        assertThat(latest.byOwner()).isEmpty();
        assertThat(latest.sampledAt()).isNull();
    }

    @Test
    void malformedAnswersAreOneLineErrors() {
        assertThatThrownBy(() -> parse("<html><body>HTTP 500 internal error</body></html>"))
                .isInstanceOf(RrdFormatException.class).hasMessage("no <xport> element");
        assertThatThrownBy(() -> parse("<xport><meta><legend><entry>cpu0</entry></legend></meta></xport>"))
                .isInstanceOf(RrdFormatException.class).hasMessageContaining("is not CF:KIND:UUID:SOURCE");
        assertThatThrownBy(() -> parse("<xport><meta><legend><entry>AVERAGE:host:h:cpu0</entry></legend></meta>"
                + "<data><row><t>1</t><v>0.1</v><v>0.2</v></row></data></xport>"))
                .isInstanceOf(RrdFormatException.class).hasMessageContaining("more values than the legend");
        assertThatThrownBy(() -> parse("<xport><meta><legend><entry>AVERAGE:host:h:cpu0</entry></legend></meta>"
                + "<data><row><t>1</t><v>lots</v></row></data></xport>"))
                .isInstanceOf(RrdFormatException.class).hasMessage("value \"lots\" is not a number");
        assertThatThrownBy(() -> parse("<xport><meta>")).isInstanceOf(RrdFormatException.class)
                .hasMessageStartingWith("not well-formed XML");
    }

    @Test
    void externalEntitiesAreNotResolved() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<xport><meta><legend><entry>&e;</entry></legend></meta></xport>";
        assertThatThrownBy(() -> parse(xml)).isInstanceOf(RrdFormatException.class);
    }
}
