package org.xcpbalancer.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs commands as an unprivileged user (nobody, group nogroup), as cron or systemd would run the service user:
 * with setpriv, which execs in place (the process the test holds is the program, so a SIGTERM reaches it), with
 * the user's own environment plus the given variables. Needs root.
 */
final class ServiceUser {
    static final String USER = "nobody";
    static final String GROUP = "nogroup";

    private ServiceUser() {
    }

    /** For JUnit's @EnabledIf: root, setpriv, and the nobody user with group nogroup. */
    static boolean available() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv"))
                && groupOf(USER).equals(GROUP);
    }

    private static String groupOf(String user) {
        try {
            Process id = new ProcessBuilder("id", "-gn", user).redirectErrorStream(true).start();
            String group = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return id.waitFor() == 0 ? group : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The command line that runs the given one as the service user, with JAVA_HOME and the extra variables. */
    static List<String> command(Map<String, String> environment, List<String> command) {
        List<String> line = new ArrayList<>(List.of("setpriv", "--reuid=" + USER, "--regid=" + GROUP, "--clear-groups",
                "--reset-env", "env", "JAVA_HOME=" + System.getProperty("java.home")));
        environment.forEach((name, value) -> line.add(name + "=" + value));
        line.addAll(command);
        return line;
    }

    /** Starts the command as the service user in the given directory, stdout and stderr into files. */
    static Process start(Path workDir, Map<String, String> environment, List<String> command, Path stdout, Path stderr)
            throws IOException {
        return new ProcessBuilder(command(environment, command)).directory(workDir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    }
}
