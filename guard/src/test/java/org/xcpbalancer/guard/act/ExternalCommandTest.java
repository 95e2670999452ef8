package org.xcpbalancer.guard.act;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.core.cli.UserFacingException;

/** guard.fenceCommand as an administrator writes it: split without a shell, filled, run, masked. */
class ExternalCommandTest {
    private static Map<String, String> host() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("host", "Host 3");
        values.put("uuid", "u-3");
        values.put("address", "10.0.0.3");
        values.put("ipmi", null);
        return values;
    }

    @Test
    void wordsAreSplitOnSpacesQuotesKeepThemAndPlaceholdersFillEachWord() {
        ExternalCommand command = new ExternalCommand("guard.fenceCommand",
                "fence_ipmilan --ip={address} -l 'admin user' -n \"{host}\" --plug={ipmi} -o off", Duration.ofSeconds(5));

        assertThat(command.arguments(host())).containsExactly("fence_ipmilan", "--ip=10.0.0.3", "-l", "admin user", "-n",
                "Host 3", "--plug=", "-o", "off");
    }

    @Test
    void passwordsAreMaskedInTheShownCommandLine() {
        assertThat(ExternalCommand.shown(List.of("fence_ipmilan", "-a", "10.0.0.3", "-p", "s3cret", "--password=x1",
                "http://root:pw@bmc/", "-l", "admin user")))
                .isEqualTo("fence_ipmilan -a 10.0.0.3 -p **** --password=**** http://root:****@bmc/ -l 'admin user'");
    }

    @Test
    void exitZeroIsSuccessAndTheOutputIsKeptWithThePasswordMasked() throws Exception {
        ExternalCommand command = new ExternalCommand("guard.fenceCommand",
                "bash -c 'echo powered off $1 with $3' fence {address} -p s3cret", Duration.ofSeconds(10));

        ExternalCommand.Result result = command.run(host());

        assertThat(result.succeeded()).isTrue();
        assertThat(result.output()).isEqualTo("powered off 10.0.0.3 with ****");
        assertThat(result.shownCommand()).endsWith("fence 10.0.0.3 -p ****");
    }

    @Test
    void aCommandStillRunningAtTheTimeoutIsKilledWithItsChildrenAndFails() throws Exception {
        ExternalCommand command = new ExternalCommand("guard.fenceCommand", "bash -c 'sleep 30; echo late'",
                Duration.ofMillis(300));

        long start = System.nanoTime();
        ExternalCommand.Result result = command.run(host());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.exitCode()).isNull();
        assertThat(result.output()).startsWith("killed after 0 s");
    }

    @Test
    void aMissingProgramFailsWithAClearReason() throws Exception {
        ExternalCommand.Result result = new ExternalCommand("guard.fenceCommand", "/nonexistent/fence {host}",
                Duration.ofSeconds(5)).run(host());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.output()).startsWith("could not start guard.fenceCommand: Cannot run program \"/nonexistent/fence\"");
    }

    @Test
    void anUnclosedQuoteIsBadInput() {
        assertThatThrownBy(() -> new ExternalCommand("guard.fenceCommand", "fence_ipmilan -l 'admin", Duration.ofSeconds(1)))
                .isInstanceOf(UserFacingException.class).hasMessage("guard.fenceCommand has an unclosed ' quote");
    }
}
