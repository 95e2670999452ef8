package org.xcpbalancer.service.galera;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xcpbalancer.service.ServiceMain;

/** An xcp-service instance in a JVM of its own (as bin/xcp-service runs it), so it can be killed with kill -9. */
final class ServiceProcess {
    final String name;
    final Path output;
    private final Process process;

    private ServiceProcess(String name, Path output, Process process) {
        this.name = name;
        this.output = output;
        this.process = process;
    }

    static ServiceProcess start(String name, Path settings, Path dir) throws IOException {
        Path output = dir.resolve(name + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), ServiceMain.class.getName(), "--settings", settings.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        return new ServiceProcess(name, output, process);
    }

    /** kill -9: no shutdown hook, no lease given up. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }

    /** SIGTERM, then the exit code (-1 when it had to be killed after the limit). */
    int terminate(long seconds) throws InterruptedException {
        process.destroy();
        if (process.waitFor(seconds, TimeUnit.SECONDS)) {
            return process.exitValue();
        }
        kill();
        return -1;
    }

    boolean alive() {
        return process.isAlive();
    }

    String printed() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
