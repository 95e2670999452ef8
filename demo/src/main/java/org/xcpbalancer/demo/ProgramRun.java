package org.xcpbalancer.demo;

import java.util.List;

/** What one run of an xcp-balancer executable did: its exit code and its output lines. */
public record ProgramRun(String program, List<String> arguments, int exitCode, List<String> stdout, List<String> stderr) {
    public ProgramRun {
        arguments = List.copyOf(arguments);
        stdout = List.copyOf(stdout);
        stderr = List.copyOf(stderr);
    }

    public String stdoutText() {
        return String.join("\n", stdout);
    }

    public String stderrText() {
        return String.join("\n", stderr);
    }

    /** "xcp-control --settings s.properties" for messages. */
    public String commandLine() {
        return program + (arguments.isEmpty() ? "" : " " + String.join(" ", arguments));
    }
}
