package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.HOSTTAG;
import static org.xcpbalancer.core.db.generated.Tables.VMGROUP;
import static org.xcpbalancer.core.db.generated.Tables.VMGROUPMEMBER;
import static org.xcpbalancer.core.db.generated.Tables.VMTAG;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;
import org.xcpbalancer.manager.commands.Commands;
import org.xcpbalancer.manager.completion.ConsoleCompleter;
import org.xcpbalancer.manager.completion.ConsoleLineParser;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.console.OutputFormat;
import org.xcpbalancer.manager.console.Prompter;

/**
 * The paper's pool with placement constraints: VM2 and VM3 (both on Host2) in an anti-affinity VM_group, VM1
 * tagged to run on ssd hosts while only Host2 carries that label.
 */
@ExtendWith(MariaDbExtension.class)
class ConstraintCommandsTest {
    private final TestDatabase db;
    private final ConsoleDriver console;

    ConstraintCommandsTest(TestDatabase db) {
        this.db = db;
        this.console = new ConsoleDriver(db.database());
    }

    @BeforeAll
    static void fillPool(TestDatabase db) {
        int poolId = PaperPoolFixture.insert(db.database());
        db.database().transaction(dsl -> {
            dsl.insertInto(VMGROUP, VMGROUP.UUID, VMGROUP.PoolId, VMGROUP.Name, VMGROUP.Placement)
                    .values("group-web", poolId, "web", "anti_affinity").execute();
            dsl.insertInto(VMGROUPMEMBER, VMGROUPMEMBER.GroupUuid, VMGROUPMEMBER.VmUuid)
                    .values("group-web", PaperPoolFixture.VM2).values("group-web", PaperPoolFixture.VM3).execute();
            dsl.insertInto(HOSTTAG, HOSTTAG.HostUuid, HOSTTAG.Tag)
                    .values(PaperPoolFixture.HOST2, "xcp-balancer:label=ssd").execute();
            dsl.insertInto(VMTAG, VMTAG.VmUuid, VMTAG.Tag).values(PaperPoolFixture.VM1, "xcp-balancer:run-on=ssd")
                    .values(PaperPoolFixture.VM3, "xcp-balancer:affinity=pair")
                    .values(PaperPoolFixture.VM2, "xcp-balancer:affinity=pair").execute();
        });
    }

    @Test
    void showConstraintsSaysWhichHoldAndWhoBreaksThem() {
        List<String> lines = console.piped("SHOW CONSTRAINTS").outLines();
        assertThat(lines.get(0)).isEqualTo("Pool paper: collected 42 s ago");
        assertThat(lines.get(1)).startsWith("KIND").contains("CONSTRAINT", "MUST", "HOLDS", "VMS", "DETAIL");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("anti-affinity").contains("web (VM_group)", "NO",
                "VM2 - Debian, VM3 - Ubuntu share Host2"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("affinity").contains("pair (tag)", "yes",
                "every running member on Host2"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("run-on").contains("ssd for VM1 - Debian", "NO",
                "VM1 - Debian runs on Host1, which carries not every label of ssd"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("3 constraints, 2 broken");
    }

    @Test
    void showConstraintsAsJsonListsTheViolatingVms() throws Exception {
        String out = console.format(OutputFormat.JSON).piped("SHOW CONSTRAINTS web").out();
        JsonNode json = new ObjectMapper().readTree(out);
        JsonNode web = json.get("constraints").get(0);
        assertThat(json.get("constraints")).hasSize(1);
        assertThat(web.get("kind").asText()).isEqualTo("anti-affinity");
        assertThat(web.get("holds").asBoolean()).isFalse();
        assertThat(web.get("violating")).extracting(n -> n.get("name").asText())
                .containsExactly("VM2 - Debian", "VM3 - Ubuntu");
    }

    @Test
    void showVmAndShowHostShowGroupsLabelsAndRules() {
        assertThat(console.piped("SHOW VM VM3 - Ubuntu").outLines()).contains("Groups - web (VM_group, anti_affinity)",
                "Constraint - anti-affinity group 'web' (VM_group): BROKEN (VM2 - Debian, VM3 - Ubuntu share Host2)",
                "Constraint - affinity group 'pair': holds");
        assertThat(console.piped("SHOW HOST Host2").outLines()).contains("Labels - ssd",
                "Rule - VM1 - Debian may run here (run-on ssd for VM1 - Debian)");
        // no placement line for a host without labels or rules: the output ends with issue 11's Enabled and Live
        assertThat(console.piped("SHOW HOST Host1").outLines()).endsWith("Name - Host1", "Enabled - yes", "Live - yes");
    }

    @Test
    void tagsAndGroupsAreCompletedByTab() {
        ConsoleContext context = new ConsoleContext(ConsoleContext.Repositories.of(db.database()), Prompter.none(),
                Clock.fixed(PaperPoolFixture.NOW, ZoneOffset.UTC), ConsoleDriver.STALE_AFTER);
        ConsoleCompleter completer = new ConsoleCompleter(Commands.registry(), context);
        assertThat(complete(completer, "SHOW CONSTRAINTS ")).contains("web", "pair");
        assertThat(complete(completer, "SHOW TAG ")).contains("xcp-balancer:label=ssd", "xcp-balancer:run-on=ssd");
        assertThat(console.piped("SHOW TAG xcp-balancer:label=ssd").outLines())
                .containsExactly("- host " + PaperPoolFixture.HOST2 + " - Host2");
    }

    private static List<String> complete(ConsoleCompleter completer, String line) {
        ParsedLine parsed = new ConsoleLineParser(Commands.registry()).parse(line, line.length(),
                Parser.ParseContext.COMPLETE);
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, parsed, candidates);
        return candidates.stream().map(Candidate::value).toList();
    }
}
