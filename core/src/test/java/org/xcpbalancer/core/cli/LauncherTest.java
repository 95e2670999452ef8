package org.xcpbalancer.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class LauncherTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @Command(name = "xcp-test")
    static class Sample implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Option(names = "--fail")
        String fail;

        @Override
        public Integer call() {
            if ("user".equals(fail)) {
                throw new UserFacingException(ExitCode.POOL_UNREACHABLE, "pool https://h cannot be reached");
            }
            if ("bug".equals(fail)) {
                throw new IllegalStateException("boom");
            }
            return 0;
        }
    }

    @BeforeEach
    void captureErr() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreErr() {
        System.setErr(originalErr);
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void userFacingFailureIsOneLineWithItsExitCode() {
        assertThat(Launcher.run("xcp-test", new Sample(), new String[] {"--fail", "user"})).isEqualTo(3);
        assertThat(errText()).isEqualTo("xcp-test: pool https://h cannot be reached" + System.lineSeparator());
    }

    @Test
    void unexpectedFailureIsOneLineWithoutStackTraceUnlessDebug() {
        assertThat(Launcher.run("xcp-test", new Sample(), new String[] {"--fail", "bug"})).isEqualTo(1);
        assertThat(errText()).isEqualTo("xcp-test: unexpected error: IllegalStateException: boom (run with --debug for details)"
                + System.lineSeparator());
        err.reset();
        assertThat(Launcher.run("xcp-test", new Sample(), new String[] {"--fail", "bug", "--debug"})).isEqualTo(1);
        assertThat(errText()).contains("at org.xcpbalancer.core.cli.LauncherTest$Sample.call");
    }

    @Test
    void usageErrorIsExitTwo() {
        assertThat(Launcher.run("xcp-test", new Sample(), new String[] {"--nonsense"})).isEqualTo(2);
        assertThat(errText()).startsWith("xcp-test: Unknown option: '--nonsense'").endsWith("(try --help)" + System.lineSeparator());
    }

    @Test
    void successIsZero() {
        assertThat(Launcher.run("xcp-test", new Sample(), new String[] {})).isZero();
        assertThat(errText()).isEmpty();
    }
}
