package org.xcpbalancer.core.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;

/**
 * --metrics-file: the metrics in Prometheus's text format for node_exporter's textfile collector. Written to a
 * temporary file beside the target and renamed over it, so node_exporter never reads half a file.
 */
public final class MetricsFile {
    private MetricsFile() {
    }

    public static void write(BalancerMetrics metrics, Path target) {
        Path absolute = target.toAbsolutePath();
        Path temporary = null;
        try {
            temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                new PrometheusTextFormatWriter(false).write(out, metrics.registry().scrape());
            }
            temporary.toFile().setReadable(true, false);
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UserFacingException(ExitCode.BAD_INPUT, "--metrics-file " + target + ": cannot write it ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        } finally {
            if (temporary != null) {
                temporary.toFile().delete();
            }
        }
    }
}
