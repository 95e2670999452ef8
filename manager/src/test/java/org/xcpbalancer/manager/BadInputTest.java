package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.RuleRepository;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Issue 5's bad input: each is one clear line naming what is wrong, nothing is written, the console keeps
 * running, and the session's exit code says input was bad. Typed (interactive) and piped input alike.
 */
@ExtendWith(MariaDbExtension.class)
class BadInputTest {
    private static int poolId;
    private final RuleRepository rules;
    private final ConsoleDriver console;

    BadInputTest(TestDatabase db) {
        this.rules = new RuleRepository(db.database());
        this.console = new ConsoleDriver(db.database());
    }

    @BeforeAll
    static void fillPool(TestDatabase db) {
        poolId = PaperPoolFixture.insert(db.database());
    }

    @BeforeEach
    void oneExistingRule() {
        rules.rules(poolId).forEach(r -> rules.delete(poolId, r.subject()));
        rules.save(poolId, new HostRule(RuleSubject.OccupiedMemoryMb, 512));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", textBlock = """
            FOO                                      => unknown command 'FOO' (HELP lists the commands)
            SHOW FOO                                 => unknown command 'SHOW FOO' (HELP lists the commands)
            SHOW RULES                               => incomplete command 'SHOW RULES': SHOW RULES HOST
            CREATE RULE HOST Load 25                 => unknown subject 'Load': a rule is on PifEth0RxKb, PifEth0TxKb, OccupiedMemoryMb, CpuAverage, OccupiedMemoryPercent
            CREATE RULE HOST CpuAverage -5           => the threshold must be more than 0 % (how far above the pool average a host may go), not -5
            CREATE RULE HOST CpuAverage 0            => the threshold must be more than 0 % (how far above the pool average a host may go), not 0
            CREATE RULE HOST CpuAverage abc          => the threshold must be a number of % such as 25, not 'abc'
            CREATE RULE HOST CpuAverage 1e3          => the threshold must be a number of % such as 25, not '1e3'
            CREATE RULE HOST CpuAverage NaN          => the threshold must be a finite number of %, not 'NaN'
            CREATE RULE HOST CpuAverage Infinity     => the threshold must be a finite number of %, not 'Infinity'
            CREATE RULE HOST CpuAverage 101          => a CpuAverage threshold of 101 % can never be reached: give at most 100 %
            CREATE RULE HOST CpuAverage 25 MB        => unexpected 'MB' after CREATE RULE HOST: CREATE RULE HOST [<subject> <threshold> [AND ...]|SCORE ...]
            CREATE RULE HOST CpuAverage 25MB         => CpuAverage thresholds are in %, not 'MB': give a number such as 25
            CREATE RULE HOST CpuAverage 25 garbage   => unexpected 'garbage' after CREATE RULE HOST: CREATE RULE HOST [<subject> <threshold> [AND ...]|SCORE ...]
            CREATE RULE HOST CpuAverage              => CREATE RULE HOST needs a threshold in % after CpuAverage: CREATE RULE HOST [<subject> <threshold> [AND ...]|SCORE ...]
            CREATE RULE HOST CpuAverage 25 AND       => CREATE RULE HOST needs a subject after AND: CREATE RULE HOST [<subject> <threshold> [AND ...]|SCORE ...]
            CREATE RULE HOST CpuAverage 25 AND OccupiedMemoryPercent => CREATE RULE HOST needs a threshold in % after OccupiedMemoryPercent: CREATE RULE HOST [<subject> <threshold> [AND ...]|SCORE ...]
            CREATE RULE HOST CpuAverage 25 AND CpuAverage 30 => CpuAverage appears twice in the rule
            CREATE RULE HOST CpuAverage 25 AND Load 3 => unknown subject 'Load': a rule is on PifEth0RxKb, PifEth0TxKb, OccupiedMemoryMb, CpuAverage, OccupiedMemoryPercent
            CREATE RULE HOST SCORE CpuAverage*0.7 + OccupiedMemoryMb*0.3 15 => OccupiedMemoryMb is in MB: a score weighs only percentage subjects (CpuAverage, OccupiedMemoryPercent)
            CREATE RULE HOST SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 => CREATE RULE HOST SCORE needs weighted subjects then a threshold in %, e.g. CREATE RULE HOST SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 15
            CREATE RULE HOST SCORE CpuAverage*0.7 + OccupiedMemoryPercent*-0.3 15 => the weight of OccupiedMemoryPercent must be more than 0, not -0.3 (weights are relative and must sum to a positive number)
            CREATE RULE HOST SCORE CpuAverage*abc + OccupiedMemoryPercent 15 => the weight of CpuAverage must be a number such as 0.7, not 'abc'
            CREATE RULE HOST SCORE CpuAverage*0.7 15 => a SCORE weighs two or more subjects: for one, CREATE RULE HOST CpuAverage 15
            CREATE RULE HOST SCORE CpuAverage*0.7 + + OccupiedMemoryPercent 15 => an empty term in the SCORE (two + in a row?)
            CREATE RULE HOST SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 150 => a SCORE threshold of 150 % can never be reached: give at most 100 %
            DELETE RULE HOST CpuAverage AND OccupiedMemoryPercent => pool paper has no AND rule on CpuAverage, OccupiedMemoryPercent (SHOW RULES HOST lists them)
            SHOW HOSTS garbage                       => unexpected 'garbage' after SHOW HOSTS: SHOW HOSTS [FULL] [LIKE <text>] [ORDER BY <column> [ASC|DESC]]
            SHOW RULES HOST now                      => unexpected 'now' after SHOW RULES HOST: SHOW RULES HOST
            SHOW HOSTS ORDER BY colour               => no column 'colour' to order by: NAME, STATE, CPU%, CPUS, MEMORY, MEMORY%, VMS, LOAD, IP, UUID
            SHOW VM VM9                              => no VM named or with uuid 'VM9' in pool paper (SHOW VMS lists them)
            SHOW VM 'VM1 - Debian' extra             => unexpected 'extra' after the quoted name 'VM1 - Debian': SHOW VM <uuid or name>
            SHOW HOST 00000000-0000-0000-0000-000000000000 => no host named or with uuid '00000000-0000-0000-0000-000000000000' in pool paper (SHOW HOSTS lists them)
            SHOW HOST                                => SHOW HOST needs a host name or uuid: SHOW HOST <uuid or name>
            SHOW VM 'VM1                             => unterminated quote ' in: 'VM1
            DELETE RULE HOST CpuAverage              => pool paper has no CpuAverage rule (SHOW RULES HOST lists them)
            DELETE RULE HOST Load                    => unknown subject 'Load': a rule is on PifEth0RxKb, PifEth0TxKb, OccupiedMemoryMb, CpuAverage, OccupiedMemoryPercent
            SHOW MIGRATIONS LIMIT 0                  => LIMIT takes a whole number from 1 to 10000, not '0'
            USE POOL nowhere                         => no pool named or with uuid 'nowhere' (SHOW POOLS lists them)
            """)
    void badLineIsOneClearErrorAndWritesNothing(String line, String message) {
        var piped = console.piped(line, "SHOW RULES HOST");
        assertThat(piped.errLines()).containsExactly("xcp-manager: line 1: " + message);
        assertThat(piped.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        // the console went on to the next line
        assertThat(piped.outLines()).endsWith("Rules - Balance host when:", "- OccupiedMemoryMb is more than 512 MB above the medium");

        var typed = console.interactive(line, "SHOW RULES HOST");
        assertThat(typed.errLines()).containsExactly("Error: " + message);
        assertThat(typed.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(rules.rules(poolId)).containsExactly(new HostRule(RuleSubject.OccupiedMemoryMb, 512));
    }

    @ParameterizedTest(name = "answer {0}")
    @CsvSource(delimiter = '|', textBlock = """
            CpuAverage | -1 | the threshold must be more than 0 % (how far above the pool average a host may go), not -1
            CpuAverage | 250 | a CpuAverage threshold of 250 % can never be reached: give at most 100 %
            CpuAverage | NaN | the threshold must be a finite number of %, not 'NaN'
            CpuAverage | lots | the threshold must be a number of % such as 25, not 'lots'
            """)
    void badAnswersToTheQuestionsAreValidatedTheSameWayAndAskedAgain(String subject, String threshold, String message) {
        // a wrong threshold is said, and the question asked again; an empty answer then cancels
        var typed = console.interactive("CREATE RULE HOST", subject, threshold, "", "SHOW RULES HOST");
        assertThat(typed.outLines()).containsSubsequence("Is more than [%]: " + threshold,
                message + "; answer again (an empty answer cancels)", "Is more than [%]: ", "Cancelled: nothing written.");
        assertThat(typed.out()).doesNotContain("Confirm ?");
        assertThat(typed.errLines()).isEmpty();
        assertThat(rules.rules(poolId)).containsExactly(new HostRule(RuleSubject.OccupiedMemoryMb, 512));
    }

    @Test
    void anUnknownSubjectIsAskedAgainAndTheRightAnswerThenCounts() {
        var typed = console.interactive("CREATE RULE HOST", "Load", "cpuaverage", "lots", "30", "N", "SHOW RULES HOST");
        assertThat(typed.outLines()).containsSubsequence(
                "When [PifEth0RxKb/PifEth0TxKb/OccupiedMemoryMb/CpuAverage/OccupiedMemoryPercent]: Load",
                "unknown subject 'Load': a rule is on PifEth0RxKb, PifEth0TxKb, OccupiedMemoryMb, CpuAverage, OccupiedMemoryPercent; "
                        + "answer again (an empty answer cancels)",
                "When [PifEth0RxKb/PifEth0TxKb/OccupiedMemoryMb/CpuAverage/OccupiedMemoryPercent]: cpuaverage",
                "Is more than [%]: lots",
                "the threshold must be a number of % such as 25, not 'lots'; answer again (an empty answer cancels)",
                "Is more than [%]: 30",
                "When CpuAverage is more than 30 % above the medium migrate to the less loaded host",
                "Confirm ? [Y/N] N", "Nothing written.");
        assertThat(typed.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(rules.rules(poolId)).containsExactly(new HostRule(RuleSubject.OccupiedMemoryMb, 512));
    }

    @Test
    void questionsNeedATerminal() {
        var piped = console.piped("CREATE RULE HOST", "DELETE RULE HOST");
        assertThat(piped.errLines()).containsExactly(
                "xcp-manager: line 1: CREATE RULE HOST asks its questions only on a terminal: give the rule on the line, "
                        + "CREATE RULE HOST <subject> <threshold> (e.g. CREATE RULE HOST CpuAverage 25)",
                "xcp-manager: line 2: DELETE RULE HOST asks about each rule only on a terminal: name the rule, "
                        + "DELETE RULE HOST <subject> (e.g. DELETE RULE HOST CpuAverage)");
        assertThat(rules.rules(poolId)).hasSize(1);
    }

    @Test
    void anEmptyAnswerCancels() {
        var typed = console.interactive("CREATE RULE HOST", "", "SHOW RULES HOST");
        assertThat(typed.out()).contains("Cancelled: nothing written.");
        assertThat(typed.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(rules.rules(poolId)).hasSize(1);
    }

    @Test
    void aDatabaseThatGoesAwayIsOneLineAndTheConsoleGoesOn(TestDatabase db) {
        Database going = Database.open(db.databaseSettings());
        ConsoleDriver driver = new ConsoleDriver(going);
        going.close();
        var piped = driver.piped("SHOW HOSTS", "CREATE RULE HOST CpuAverage 25", "HELP");
        assertThat(piped.errLines()).hasSize(2).allMatch(l -> l.matches("xcp-manager: line [12]: the database cannot be reached: .+"));
        assertThat(piped.err()).doesNotContain("\tat ");
        assertThat(piped.out()).contains("SHOW VMS");
        assertThat(piped.exitCode()).isEqualTo(ExitCode.DATABASE_UNREACHABLE);
        assertThat(rules.rules(poolId)).containsExactly(new HostRule(RuleSubject.OccupiedMemoryMb, 512));
    }

    @Test
    void blankLinesAndCommentsAreNotCommands() {
        var piped = console.piped("", "# a comment", "-- another", "SHOW RULES HOST;");
        assertThat(piped.err()).isEmpty();
        assertThat(piped.outLines()).contains("Rules - Balance host when:");
    }

    @Test
    void theFirstFailureDecidesTheExitCodeAndEveryLineStillRuns() {
        var piped = console.piped("SHOW VM nobody", "FOO", "SHOW HOSTS");
        assertThat(piped.errLines()).hasSize(2);
        assertThat(piped.outLines()).hasSize(2);
        assertThat(piped.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(List.of(piped.errLines().get(0), piped.errLines().get(1)))
                .allMatch(l -> l.startsWith("xcp-manager: line "));
    }
}
