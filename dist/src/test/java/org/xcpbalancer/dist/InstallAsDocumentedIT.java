package org.xcpbalancer.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xcpbalancer.testkit.ChildProgram;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Installs the distribution archive exactly as docs/operations.md says, in a temporary prefix standing for /, and
 * runs it as an unprivileged user (nobody) the way cron and systemd would: the documented cron line collects the
 * simulated pool into a real MariaDB reached over TCP, and a SIGTERM stops the collector service with a status
 * its systemd unit counts as success.
 */
@EnabledIf(value = "org.xcpbalancer.dist.ServiceUser#available",
        disabledReason = "installing for another user needs root, /usr/bin/setpriv and the user nobody (group nogroup)")
@ExtendWith(MariaDbExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstallAsDocumentedIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String VERSION = System.getProperty("xcp.dist.version");

    private final TestDatabase database;
    private Path prefix;
    private Path home;
    private Path settings;
    private Process simulator;

    InstallAsDocumentedIT(TestDatabase database) {
        this.database = database;
    }

    @BeforeAll
    void installAsDocumented() throws Exception {
        Path archive = Path.of(System.getProperty("xcp.dist.archive"));
        // In /tmp: the service user must be able to reach the prefix, which a checkout under /root would forbid.
        prefix = Files.createTempDirectory("xcp-install-");
        for (String dir : List.of("", "opt", "etc", "etc/cron.d", "etc/logrotate.d", "var", "var/lib", "var/log")) {
            Files.createDirectories(prefix.resolve(dir));
            Files.setPosixFilePermissions(prefix.resolve(dir), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        String script = InstallSteps.fromGuide(ReadmeExitCodes.checkout().resolve("docs/operations.md"))
                .forPrefix(prefix, VERSION, ServiceUser.USER, ServiceUser.GROUP);
        Process install = new ProcessBuilder("bash", "-euxo", "pipefail", "-c", script)
                .directory(archive.getParent().toFile()).redirectErrorStream(true).start();
        String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(install.waitFor()).as("the documented install steps:%n%s", output).isZero();
        home = prefix.resolve("opt/xcp-balancer");
        settings = prefix.resolve("etc/xcp-balancer/settings.properties");

        simulator = ServiceUser.start(Path.of("/"), Map.of(), List.of(home.resolve("bin/xcp-sim").toString(),
                "--scenario", home.resolve("scenarios/paper-unbalanced.json").toString(), "--port", "0"),
                prefix.resolve("sim.out"), prefix.resolve("sim.err"));
        String readyText = "XAPI simulator ready at ";
        String ready = ChildProgram.awaitLine(prefix.resolve("sim.out"), readyText, simulator, WAIT);
        // The $EDITOR step: the pool and the database of this test. Writing keeps the installed owner and mode.
        // Into a file the ready line starts with a timestamp: the URL is what follows the text.
        URI poolUrl = URI.create(ready.substring(ready.indexOf(readyText) + readyText.length()).trim());
        Files.writeString(settings, "xapi.url=" + poolUrl
                + "\nxapi.username=root\nxapi.password=root\ndb.url=" + database.jdbcUrl()
                + "\ndb.username=root\ndb.password=\n");
    }

    @AfterAll
    void stopSimulatorAndRemoveTheInstall() throws IOException, InterruptedException {
        if (simulator != null) {
            simulator.destroy();
            simulator.waitFor(30, TimeUnit.SECONDS);
        }
        if (prefix != null) {
            try (java.util.stream.Stream<Path> files = Files.walk(prefix)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @Test
    void theInstallHasTheDocumentedOwnersAndModes() throws IOException {
        assertThat(Files.readSymbolicLink(home)).isEqualTo(Path.of("xcp-balancer-" + VERSION));
        assertOwnerAndMode(settings, ServiceUser.USER, "rw-------");
        assertOwnerAndMode(prefix.resolve("etc/xcp-balancer"), "root", "rwxr-x---");
        assertThat(attributes(prefix.resolve("etc/xcp-balancer")).group().getName()).isEqualTo(ServiceUser.GROUP);
        assertOwnerAndMode(prefix.resolve("var/log/xcp-balancer"), ServiceUser.USER, "rwxr-x---");
        assertOwnerAndMode(prefix.resolve("var/lib/xcp-balancer"), ServiceUser.USER, "rwxr-x---");
        assertOwnerAndMode(prefix.resolve("etc/cron.d/xcp-balancer"), "root", "rw-r--r--");
        assertOwnerAndMode(prefix.resolve("etc/logrotate.d/xcp-balancer"), "root", "rw-r--r--");
    }

    @Test
    void theDocumentedCronLineCollectsAsTheServiceUser() throws Exception {
        int runsBefore = count("SELECT COUNT(*) FROM CollectionRun");
        CronFile cron = CronFile.read(prefix.resolve("etc/cron.d/xcp-balancer"));
        CronFile.Job collect = cron.job("xcp-collect");
        assertThat(collect.user()).isEqualTo(InstallSteps.DOCUMENTED_USER);

        Process run = ServiceUser.start(Path.of("/"), cron.environment(),
                List.of("bash", "-c", InstallSteps.inPrefix(prefix, collect.command())),
                prefix.resolve("cron.out"), prefix.resolve("cron.err"));
        assertThat(run.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        String log = Files.readString(prefix.resolve("var/log/xcp-balancer/collect.log"));
        assertThat(run.exitValue()).as("exit code; collect.log:%n%s", log).isZero();
        // 5 VMs: the scenario's 3 and each host's control domain.
        assertThat(log).contains("Collected pool Main Pool: 2 hosts, 5 VMs").doesNotContain("Exception");
        assertThat(count("SELECT COUNT(*) FROM CollectionRun")).isEqualTo(runsBefore + 1);
        assertThat(count("SELECT COUNT(*) FROM Host")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM Vm WHERE Name LIKE 'VM_ - %'")).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xcp-collect", "xcp-manager", "xcp-control", "xcp-sim"})
    void everyProgramAnswersVersionAndHelpAsTheServiceUserFromAnyDirectory(String program) throws Exception {
        String version = runAsServiceUser(program, "--version");
        String help = runAsServiceUser(program, "--help");

        assertThat(version).startsWith(program + " " + VERSION + " (git commit " + expectedCommit());
        assertThat(ReadmeExitCodes.fromHelp(help))
                .containsExactlyEntriesOf(ReadmeExitCodes.fromReadme(home.resolve("README.md")));
    }

    @Test
    void sigtermStopsTheCollectorServiceWithAStatusItsUnitCallsSuccess() throws Exception {
        SystemdUnit unit = SystemdUnit.read(home.resolve("deploy/systemd/xcp-collect-service.service"));
        assertThat(unit.values("RestartPreventExitStatus")).contains("4", "6");
        List<String> execStart = Arrays.asList(InstallSteps.inPrefix(prefix, unit.value("ExecStart")).split(" "));
        Path out = prefix.resolve("service.out");

        Process service = ServiceUser.start(Path.of("/"), Map.of(), execStart, out, prefix.resolve("service.err"));
        ChildProgram.awaitLine(out, "Collected pool Main Pool", service, WAIT);
        service.destroy(); // SIGTERM, as systemctl stop sends
        assertThat(service.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        String errors = Files.readString(prefix.resolve("service.err"));
        assertThat(unit.values("SuccessExitStatus")).as("SuccessExitStatus; stderr:%n%s", errors)
                .contains(Integer.toString(service.exitValue()));
        assertThat(errors).doesNotContain("Exception");
    }

    /** Issue 11: a checkout's launcher run by another user died with NoClassDefFoundError and a stack trace. */
    @Test
    void aCheckoutsLauncherRunByAnotherUserWorksOrSaysInOneLineWhy() throws Exception {
        Path launcher = ReadmeExitCodes.checkout().resolve("bin/xcp-collect");
        Process reachable = new ProcessBuilder(ServiceUser.command(Map.of(), List.of("test", "-x", launcher.toString()))).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(reachable.waitFor() == 0,
                () -> ServiceUser.USER + " cannot reach " + launcher + " at all (a checkout under a private folder)");

        Process run = new ProcessBuilder(ServiceUser.command(Map.of(), List.of(launcher.toString(), "--help")))
                .directory(new java.io.File("/")).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = run.waitFor();

        assertThat(output).doesNotContain("Exception").doesNotContain("NoClassDefFoundError");
        if (exit == 0) {
            assertThat(output).startsWith("Usage: xcp-collect");
        } else {
            assertThat(exit).as(output).isEqualTo(2);
            assertThat(output.lines()).as(output).singleElement().asString()
                    .startsWith("xcp-collect: ").contains("docs/operations.md");
        }
    }

    private String runAsServiceUser(String program, String option) throws Exception {
        Process run = new ProcessBuilder(ServiceUser.command(Map.of(), List.of(home.resolve("bin/" + program).toString(), option)))
                .directory(new java.io.File("/")).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor()).as("%s %s:%n%s", program, option, output).isZero();
        return output;
    }

    private static String expectedCommit() throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").directory(ReadmeExitCodes.checkout().toFile()).start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return git.waitFor() == 0 ? head : "unknown";
    }

    private int count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "root", "");
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static PosixFileAttributes attributes(Path path) throws IOException {
        return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static void assertOwnerAndMode(Path path, String owner, String mode) throws IOException {
        PosixFileAttributes attributes = attributes(path);
        assertThat(attributes.owner().getName()).as("owner of %s", path).isEqualTo(owner);
        assertThat(PosixFilePermissions.toString(attributes.permissions())).as("mode of %s", path).isEqualTo(mode);
    }
}
