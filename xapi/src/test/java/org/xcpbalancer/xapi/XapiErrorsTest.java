package org.xcpbalancer.xapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.xensource.xenapi.Types;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.XapiSettings;

/** Network failures when opening a session become POOL_UNREACHABLE with one line and no password. */
class XapiErrorsTest {

    @Test
    void connectionRefusedIsPoolUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port);
        assertThatThrownBy(() -> XapiSession.open(XapiSettings.plain(url, "root", Secret.of("s3cret-pw"))))
                .isInstanceOfSatisfying(UserFacingException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.POOL_UNREACHABLE);
                    assertThat(e.getMessage()).isEqualTo("pool master " + url + " cannot be reached: connection refused");
                });
    }

    @Test
    void unknownHostIsPoolUnreachable() {
        URI url = URI.create("http://no-such-pool.invalid");
        assertThatThrownBy(() -> XapiSession.open(XapiSettings.plain(url, "root", Secret.of("s3cret-pw"))))
                .isInstanceOfSatisfying(UserFacingException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.POOL_UNREACHABLE);
                    assertThat(e.getMessage()).contains("unknown host no-such-pool.invalid").doesNotContain("s3cret");
                });
    }

    @Test
    void silentServerTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            XapiSettings settings = new XapiSettings(url, "root", Secret.of("pw"), Optional.empty(),
                    Secret.EMPTY, Optional.empty(), Duration.ofSeconds(1), Duration.ofMillis(1500));
            assertThatThrownBy(() -> XapiSession.open(settings))
                    .isInstanceOfSatisfying(UserFacingException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(ExitCode.POOL_UNREACHABLE);
                        assertThat(e.getMessage()).endsWith("cannot be reached: timed out");
                    });
        }
    }

    @Test
    void typedSdkErrorsAreDescribedWithXapisCodeAndParameters() {
        var memory = new Types.HostNotEnoughFreeMemory("1073741824", "52428800");
        assertThat(XapiErrors.describe(memory)).isEqualTo("HOST_NOT_ENOUGH_FREE_MEMORY 1073741824 52428800");
        assertThat(XapiErrors.code(memory)).isEqualTo("HOST_NOT_ENOUGH_FREE_MEMORY");
        var power = new Types.VmBadPowerState("OpaqueRef:1", "running", "halted");
        assertThat(XapiErrors.description(power)).containsExactly("VM_BAD_POWER_STATE", "OpaqueRef:1", "running", "halted");
        assertThat(XapiErrors.toUserFacing("VM.pool_migrate", memory).getMessage())
                .isEqualTo("VM.pool_migrate failed: HOST_NOT_ENOUGH_FREE_MEMORY 1073741824 52428800");
        assertThat(XapiErrors.code(new IllegalStateException("not XAPI"))).isNull();
    }
}
