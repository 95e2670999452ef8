package org.xcpbalancer.core.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --metrics-file of the programs that have metrics (xcp-collect, xcp-control): {@code @Mixin MetricsFileOption}. */
public class MetricsFileOption {
    @Option(names = "--metrics-file", paramLabel = "PATH",
            description = "After a one-shot run, write its Prometheus metrics to PATH (node_exporter's textfile"
                    + " format, replaced atomically), e.g. /var/lib/node_exporter/textfile/xcp-collect.prom.")
    private Path metricsFile;

    /** --metrics-file, or null. */
    public Path metricsFile() {
        return metricsFile;
    }
}
