package org.xcpbalancer.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.settings.SettingsLoader.Need;

class SettingsLoaderTest {
    @TempDir
    Path dir;

    private int files;

    /** Each call writes a new file, so a test can keep several. */
    private Path write(String text) throws IOException {
        Path file = dir.resolve("settings" + (++files) + ".properties");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static Settings load(Path file, Map<String, String> env, Need... needs) {
        return new SettingsLoader(env).read(file, needs);
    }

    private static String failure(Path file, Map<String, String> env, Need... needs) {
        try {
            load(file, env, needs);
        } catch (UserFacingException e) {
            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("expected the settings to be refused");
    }

    @Test
    void readsEveryKindOfValueAndAppliesDefaults() throws IOException {
        Path file = write("""
                xapi.url=https://xcp-master.example.com
                xapi.password=s3cret
                db.url=jdbc:mysql://db.example.com:3306/Xen
                db.username=balancer
                control.vmCooldown=45m
                control.excludeVms=web1, web2
                """);
        Settings settings = load(file, Map.of(), Need.XAPI, Need.DATABASE);
        assertThat(settings.xapi().url().getHost()).isEqualTo("xcp-master.example.com");
        assertThat(settings.xapi().username()).isEqualTo("root");
        assertThat(settings.xapi().password().reveal()).isEqualTo("s3cret");
        assertThat(settings.xapi().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.database().username()).isEqualTo("balancer");
        assertThat(settings.get(SettingKeys.CONTROL_VM_COOLDOWN)).isEqualTo(Duration.ofMinutes(45));
        assertThat(settings.get(SettingKeys.CONTROL_HOST_COOLDOWN)).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.get(SettingKeys.CONTROL_MAX_MIGRATIONS_PER_RUN)).isEqualTo(2);
        assertThat(settings.get(SettingKeys.CONTROL_EXCLUDE_VMS)).containsExactly("web1", "web2");
        assertThat(settings.warnings()).isEmpty();
    }

    @Test
    void missingFileNamesTheFile() {
        String message = failure(dir.resolve("nope.properties"), Map.of());
        assertThat(message).startsWith(dir.resolve("nope.properties") + ": settings file not found");
    }

    @Test
    void unknownKeyIsRefusedWithASuggestion() throws IOException {
        Path file = write("db.url=jdbc:mysql://h/Xen\ncontrol.vmCooldwn=5m\n");
        assertThat(failure(file, Map.of())).isEqualTo(file + ": unknown key 'control.vmCooldwn' (did you mean 'control.vmCooldown'?)");
    }

    @Test
    void missingRequiredKeysAreNamedPerNeed() throws IOException {
        Path file = write("db.url=jdbc:mysql://h/Xen\n");
        assertThat(failure(file, Map.of(), Need.XAPI)).startsWith(file + ": xapi.url is missing");
        Path withUrl = write("xapi.url=https://h\n");
        assertThat(failure(withUrl, Map.of(), Need.XAPI)).startsWith(withUrl + ": xapi.password is missing");
        assertThat(failure(withUrl, Map.of(), Need.DATABASE)).startsWith(withUrl + ": db.url is missing");
        // a program that needs only the database does not care about xapi keys
        assertThat(load(file, Map.of(), Need.DATABASE).database().jdbcUrl()).isEqualTo("jdbc:mysql://h/Xen");
    }

    @Test
    void malformedValuesNameTheKeyTheValueAndTheAllowedForm() throws IOException {
        assertThat(failure(write("db.url=mysql://h/Xen\n"), Map.of()))
                .endsWith("db.url: 'mysql://h/Xen' is not a MySQL JDBC URL; expected jdbc:mysql://HOST[:PORT]/DATABASE");
        assertThat(failure(write("control.vmCooldown=-5m\n"), Map.of()))
                .endsWith("control.vmCooldown: '-5m' is negative; expected a duration of 0 or more, such as 30s, 5m or 1h");
        assertThat(failure(write("control.vmCooldown=30\n"), Map.of()))
                .contains("control.vmCooldown: '30' has no unit");
        assertThat(failure(write("control.maxMigrationsPerRun=500\n"), Map.of()))
                .endsWith("control.maxMigrationsPerRun: '500' is out of range; allowed 0 to 100 migrations");
        assertThat(failure(write("control.holdSamples=three\n"), Map.of()))
                .endsWith("control.holdSamples: 'three' is not a whole number; expected 1 to 1000 samples");
        assertThat(failure(write("xapi.url=ftp://h\n"), Map.of()))
                .endsWith("xapi.url: 'ftp://h' is not an http or https URL; expected https://HOST or http://HOST[:PORT]");
        assertThat(failure(write("control.maxDataAge=1s\n"), Map.of()))
                .endsWith("control.maxDataAge: '1s' is out of range; allowed 10s to 1d");
    }

    @Test
    void originalToolKeysAreTranslated() throws IOException {
        Path file = write("""
                XenHost=192.168.1.10
                XenUsr=root
                XenPass=xenpw
                MysqlHost=dbhost
                MysqlUsr=xen
                MysqlPass=dbpw
                """);
        Settings settings = load(file, Map.of(), Need.XAPI, Need.DATABASE);
        assertThat(settings.xapi().url().toString()).isEqualTo("http://192.168.1.10");
        assertThat(settings.xapi().password().reveal()).isEqualTo("xenpw");
        assertThat(settings.database().jdbcUrl()).isEqualTo("jdbc:mysql://dbhost:3306/Xen");
        assertThat(settings.database().username()).isEqualTo("xen");
        assertThat(settings.database().password().reveal()).isEqualTo("dbpw");
        assertThat(settings.warnings()).anyMatch(w -> w.startsWith("xapi.url uses plain http"));
    }

    @Test
    void originalAndNewKeyForTheSameSettingConflict() throws IOException {
        Path file = write("XenHost=h1\nxapi.url=https://h2\n");
        assertThat(failure(file, Map.of())).isEqualTo(file + ": xapi.url is set twice (XenHost on line 1 and xapi.url on line 2); keep one");
    }

    @Test
    void keySetTwiceIsRefusedWithBothLineNumbers() throws IOException {
        Path file = write("""
                # the pool
                xapi.url=https://old-master.example.com
                db.url=jdbc:mysql://db.example.com/Xen
                control.vmCooldown = 45m
                xapi.url = https://new-master.example.com
                control.excludeVms=web1, \\
                    web2
                control.vmCooldown=\\
                    30m
                """);
        assertThat(failure(file, Map.of())).isEqualTo(file + ": xapi.url is set twice (lines 2 and 5); keep one");

        Path continued = write("""
                control.excludeVms=web1, \\
                    web2
                control.vmCooldown = 45m
                control.vmCooldown=\\
                    30m
                """);
        assertThat(failure(continued, Map.of())).isEqualTo(continued + ": control.vmCooldown is set twice (lines 3 and 4); keep one");
    }

    @Test
    void environmentOverridesTheFile() throws IOException {
        Path file = write("xapi.url=https://h\nxapi.password=fromfile\ndb.url=jdbc:mysql://h/Xen\n");
        Settings settings = load(file, Map.of("XCP_XAPI_PASSWORD", "fromenv", "XCP_CONTROL_MAX_MIGRATIONS_PER_RUN", "5"),
                Need.XAPI);
        assertThat(settings.xapi().password().reveal()).isEqualTo("fromenv");
        assertThat(settings.get(SettingKeys.CONTROL_MAX_MIGRATIONS_PER_RUN)).isEqualTo(5);
        assertThat(failure(file, Map.of("XCP_DB_URL", "nonsense")))
                .isEqualTo("environment variable XCP_DB_URL: 'nonsense' is not a MySQL JDBC URL; expected jdbc:mysql://HOST[:PORT]/DATABASE");
    }

    @Test
    void passwordFileIsReadAndItsPermissionsChecked() throws IOException {
        Path secret = dir.resolve("xapi.secret");
        Files.writeString(secret, "filepw\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        Path file = write("xapi.url=https://h\nxapi.passwordFile=" + secret + "\n");
        Settings settings = load(file, Map.of(), Need.XAPI);
        assertThat(settings.xapi().password().reveal()).isEqualTo("filepw");
        assertThat(settings.warnings()).containsExactly(secret + " holds a password and other users can read it; run: chmod 600 " + secret);

        Path both = write("xapi.url=https://h\nxapi.password=x\nxapi.passwordFile=" + secret + "\n");
        assertThat(failure(both, Map.of())).isEqualTo(both + ": xapi.passwordFile and xapi.password are both set; keep one");
        Path missing = write("xapi.passwordFile=" + dir.resolve("gone") + "\n");
        assertThat(failure(missing, Map.of())).isEqualTo(missing + ": xapi.passwordFile: '" + dir.resolve("gone") + "' cannot be read");
    }

    @Test
    void worldReadableFileWithAPasswordIsWarnedAbout() throws IOException {
        Path file = write("xapi.url=https://h\nxapi.password=pw\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> warnings = load(file, Map.of(), Need.XAPI).warnings();
        assertThat(warnings).containsExactly(file + " holds a password and other users can read it; run: chmod 600 " + file);
    }

    @Test
    void secretsNeverAppearInMessagesOrToString() throws IOException {
        Path file = write("xapi.url=https://h\nxapi.password=hunter2\ndb.url=jdbc:mysql://h/Xen\nbogus=1\n");
        assertThat(failure(file, Map.of())).doesNotContain("hunter2");
        Settings settings = load(write("xapi.url=https://h\nxapi.password=hunter2\n"), Map.of(), Need.XAPI);
        assertThat(settings.xapi().toString()).doesNotContain("hunter2").contains("********");
    }

    @Test
    void environmentVariableNamesFollowTheKeys() {
        assertThat(SettingKeys.XAPI_PASSWORD.environmentVariable()).isEqualTo("XCP_XAPI_PASSWORD");
        assertThat(SettingKeys.XAPI_PASSWORD_FILE.environmentVariable()).isEqualTo("XCP_XAPI_PASSWORD_FILE");
        assertThat(SettingKeys.CONTROL_MAX_MIGRATIONS_PER_RUN.environmentVariable()).isEqualTo("XCP_CONTROL_MAX_MIGRATIONS_PER_RUN");
    }
}
