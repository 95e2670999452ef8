package org.xcpbalancer.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.Launcher;
import org.xcpbalancer.core.cli.UserFacingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** bin/xcp-demo: the README's first command. */
@Command(name = "xcp-demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole xcp-balancer loop on an embedded MariaDB and a simulated pool: collect, define",
                "a rule, balance with live migrations, and show the pool before and after."})
public final class DemoMain implements Callable<Integer> {
    @Option(names = "--scenario", paramLabel = "FILE",
            description = "The pool to simulate (default: the original paper's unbalanced pool, simulator/scenarios/paper-unbalanced.json).")
    private Path scenario;

    @Option(names = "--rule", paramLabel = "SUBJECT THRESHOLD", defaultValue = DemoRun.DEFAULT_RULE,
            description = "The rule to create (default: ${DEFAULT-VALUE}).")
    private String rule;

    @Option(names = "--keep-running", description = "Leave the database and the simulator up, and print how to attach the programs to them.")
    private boolean keepRunning;

    @Option(names = "--service", description = "Run the loop through bin/xcp-service (one process for collection and control) instead of one program run at a time.")
    private boolean service;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "demo-work",
            description = "Where the demo keeps its database and settings file (default: ${DEFAULT-VALUE}).")
    private Path workDir;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    private boolean debug;

    public static void main(String[] args) {
        Launcher.main("xcp-demo", new DemoMain(), args);
    }

    @Override
    public Integer call() throws Exception {
        Programs programs = Programs.fromEnvironment();
        Path chosen = scenario != null ? scenario
                : programs.home().resolve("simulator").resolve("scenarios").resolve("paper-unbalanced.json");
        if (!Files.isReadable(chosen)) {
            throw new UserFacingException(ExitCode.BAD_INPUT, chosen + ": scenario file not found");
        }
        if (service) {
            return new ServiceDemoRun(programs, System.out, workDir, chosen, rule).run();
        }
        return new DemoRun(programs, System.out, workDir, chosen, rule, keepRunning).run();
    }
}
