package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.manager.commands.Commands;
import org.xcpbalancer.manager.completion.AnswerCompleter;
import org.xcpbalancer.manager.completion.ConsoleCompleter;
import org.xcpbalancer.manager.completion.ConsoleLineParser;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.console.Prompter;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/** Tab completion offers what may come next: keywords, subjects, host and VM names and uuids from the database. */
@ExtendWith(MariaDbExtension.class)
class CompletionTest {
    private final ConsoleCompleter completer;

    CompletionTest(TestDatabase db) {
        ConsoleContext context = new ConsoleContext(ConsoleContext.Repositories.of(db.database()), Prompter.none(),
                Clock.fixed(PaperPoolFixture.NOW, ZoneOffset.UTC), ConsoleDriver.STALE_AFTER);
        this.completer = new ConsoleCompleter(Commands.registry(), context);
    }

    @BeforeAll
    static void fillPool(TestDatabase db) {
        PaperPoolFixture.insert(db.database());
    }

    private List<String> complete(String line) {
        ParsedLine parsed = new ConsoleLineParser(Commands.registry()).parse(line, line.length(), Parser.ParseContext.COMPLETE);
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, parsed, candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void firstWordIsACommand() {
        assertThat(complete("")).containsExactlyInAnyOrder("SHOW", "CREATE", "DELETE", "PAUSE", "RESUME", "EVACUATE",
                "ENABLE", "USE", "HELP", "EXIT", "QUIT", "CONFIRM");
    }

    @Test
    void nextKeywordFollowsTheWordsTyped() {
        assertThat(complete("SHOW ")).containsExactlyInAnyOrder("VMS", "VM", "HOSTS", "HOST", "RULES", "MIGRATIONS",
                "HISTORY", "RUNS", "DECISIONS", "STATUS", "POOLS", "CONSTRAINTS", "TAG", "GUARD",
                "ENERGY");
        assertThat(complete("CONFIRM HOST DOWN ")).contains("Host2");
        assertThat(complete("SHOW DECISIONS ")).contains("VM", "LIMIT");
        assertThat(complete("SHOW DECISIONS VM ")).contains("VM1 - Debian", PaperPoolFixture.VM1);
        assertThat(complete("PAUSE BALANCING ")).containsExactlyInAnyOrder("FOR", "REASON");
        assertThat(complete("EVACUATE HOST ")).contains("Host1", "Host2");
        assertThat(complete("enable host ")).contains("Host1", "Host2");
        assertThat(complete("show rules ")).containsExactly("HOST");
        assertThat(complete("CREATE ")).containsExactly("RULE");
        assertThat(complete("show history ")).containsExactly("HOST");
    }

    @Test
    void subjectsAfterCreateAndDeleteRuleHost() {
        assertThat(complete("CREATE RULE HOST ")).containsExactlyInAnyOrder("CpuAverage", "OccupiedMemoryMb",
                "OccupiedMemoryPercent", "PifEth0RxKb", "PifEth0TxKb", "SCORE");
        assertThat(complete("delete rule host ")).contains("CpuAverage");
    }

    @Test
    void subjectsAfterAndAndInAScore() {
        assertThat(complete("CREATE RULE HOST CpuAverage 25 ")).containsExactly("AND");
        assertThat(complete("CREATE RULE HOST CpuAverage 25 AND ")).contains("OccupiedMemoryPercent", "OccupiedMemoryMb");
        assertThat(complete("CREATE RULE HOST SCORE ")).containsExactlyInAnyOrder("CpuAverage", "OccupiedMemoryPercent");
        assertThat(complete("CREATE RULE HOST SCORE CpuAverage*0.7 ")).containsExactly("+");
        assertThat(complete("CREATE RULE HOST SCORE CpuAverage*0.7 + ")).containsExactlyInAnyOrder("CpuAverage",
                "OccupiedMemoryPercent");
        assertThat(complete("CREATE RULE HOST CpuAverage ")).isEmpty();
    }

    @Test
    void atCreateRuleHostsQuestionsTabOffersTheirAnswersOnly() {
        AnswerCompleter terminal = new AnswerCompleter(completer);
        terminal.answering(List.of("PifEth0RxKb", "PifEth0TxKb", "OccupiedMemoryMb", "CpuAverage"));
        assertThat(complete(terminal, "Cpu")).containsExactlyInAnyOrder("PifEth0RxKb", "PifEth0TxKb",
                "OccupiedMemoryMb", "CpuAverage");
        // "Is more than [%]:" takes a number: no command, no VM name
        terminal.answering(List.of());
        assertThat(complete(terminal, "")).isEmpty();
        assertThat(complete(terminal, "SHOW ")).isEmpty();
        // the answer read, commands complete again
        terminal.answering(null);
        assertThat(complete(terminal, "CREATE ")).containsExactly("RULE");
    }

    private static List<String> complete(Completer completer, String line) {
        ParsedLine parsed = new ConsoleLineParser(Commands.registry()).parse(line, line.length(), Parser.ParseContext.COMPLETE);
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, parsed, candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void hostAndVmNamesAndUuidsFromTheDatabase() {
        assertThat(complete("SHOW HOST ")).containsExactlyInAnyOrder("Host1", PaperPoolFixture.HOST1, "Host2",
                PaperPoolFixture.HOST2);
        assertThat(complete("SHOW VM ")).contains("VM1 - Debian", PaperPoolFixture.VM1, "VM3 - Ubuntu",
                "Control domain on host: Host2");
        assertThat(complete("SHOW HISTORY HOST ")).contains("Host2");
        assertThat(complete("USE POOL ")).contains("paper", PaperPoolFixture.POOL_UUID);
    }

    @Test
    void anUnquotedNameWithSpacesIsCompletedAsOneWord() {
        ParsedLine parsed = new ConsoleLineParser(Commands.registry()).parse("SHOW VM VM3 - U", 15,
                Parser.ParseContext.COMPLETE);
        assertThat(parsed.word()).isEqualTo("VM3 - U");
        assertThat(parsed.wordCursor()).isEqualTo(7);
        assertThat(complete("SHOW VM VM3 - U")).contains("VM3 - Ubuntu");
        assertThat(complete("show history host Ho")).contains("Host1", "Host2");
        // quoted names are JLine's own parser's business
        assertThat(new ConsoleLineParser(Commands.registry()).parse("SHOW VM 'VM3 - U", 16,
                Parser.ParseContext.COMPLETE).word()).isEqualTo("VM3 - U");
    }

    @Test
    void clausesAfterListingsAndCommandsAfterHelp() {
        assertThat(complete("SHOW HOSTS ")).contains("FULL", "LIKE", "ORDER", "BY", "CPU%", "MEMORY", "VMS", "DESC");
        assertThat(complete("SHOW VMS ORDER BY ")).contains("CPU%", "HOST");
        assertThat(complete("HELP ")).contains("SHOW", "CREATE");
        assertThat(complete("HELP SHOW ")).contains("VMS", "MIGRATIONS");
    }
}
