package org.xcpbalancer.core.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which version and git commit these jars were built from, recorded at build time in build.properties (core's
 * pom writes it; "unknown" when the build ran outside a git checkout). Printed by every program's --version, so
 * an operator can tell exactly what is installed.
 */
public record BuildInfo(String version, String commit, boolean uncommittedChanges) {
    static final String RESOURCE = "build.properties";
    public static final String UNKNOWN = "unknown";

    /** What this classpath was built from; unknown when the resource is missing (classes compiled by an IDE). */
    public static BuildInfo current() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // Unreadable resource: report unknown rather than fail a --version.
        }
        return new BuildInfo(nonBlank(properties.getProperty("version")), nonBlank(properties.getProperty("commit")),
                Boolean.parseBoolean(properties.getProperty("uncommittedChanges")));
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value.trim();
    }

    /** "xcp-collect 0.1.0 (git commit 0123abc..., with uncommitted changes)". */
    public String versionLine(String programName) {
        return programName + " " + version + " (git commit " + commit
                + (uncommittedChanges ? ", with uncommitted changes" : "") + ")";
    }
}
