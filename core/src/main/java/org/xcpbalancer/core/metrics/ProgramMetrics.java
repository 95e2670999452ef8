package org.xcpbalancer.core.metrics;

import java.nio.file.Path;
import java.util.Optional;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.settings.SettingKeys;
import org.xcpbalancer.core.settings.Settings;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.PoolStateRepository;

/**
 * A program's metrics and where they go: the HTTP endpoint of metrics.listen for a service (--interval), the
 * --metrics-file of a one-shot run, or nowhere. The hosts' gauges are read back from the database after each run,
 * so they show what the controller and the console see.
 */
public final class ProgramMetrics implements AutoCloseable {
    private final BalancerMetrics metrics;
    private final Path file;
    private MetricsEndpoint endpoint;

    private ProgramMetrics(BalancerMetrics metrics, Path file) {
        this.metrics = metrics;
        this.file = file;
    }

    /** For a service: serves metrics.listen when it is set. */
    public static ProgramMetrics forService(Settings settings) {
        return forService(settings, new BalancerMetrics());
    }

    /**
     * For a service that feeds the metrics itself (xcp-service: {@link BalancerMetrics#perPool()}, with series of
     * its own in the same registry): serves metrics.listen when it is set.
     */
    public static ProgramMetrics forService(Settings settings, BalancerMetrics metrics) {
        Optional<String> listen = settings.optional(SettingKeys.METRICS_LISTEN);
        ProgramMetrics program = new ProgramMetrics(metrics, null);
        if (listen.isEmpty()) {
            return program;
        }
        String problem = MetricsEndpoint.problem(listen.get());
        if (problem != null) {
            throw new UserFacingException(ExitCode.BAD_INPUT, settings.source() + ": metrics.listen " + listen.get()
                    + ": " + problem);
        }
        program.endpoint = MetricsEndpoint.start(program.metrics, listen.get());
        return program;
    }

    /** For a one-shot run: writes the file at {@link #runEnded} when one is given. */
    public static ProgramMetrics forOneShot(Path metricsFile) {
        return new ProgramMetrics(new BalancerMetrics(), metricsFile);
    }

    public BalancerMetrics metrics() {
        return metrics;
    }

    /** After a run: reads the pools' hosts back, and writes the textfile of a one-shot run. */
    public void runEnded(Database database) {
        try {
            PoolStateRepository pools = new PoolStateRepository(database);
            for (PoolRef pool : pools.pools()) {
                metrics.pool(pools.load(pool));
            }
        } catch (RuntimeException databaseGone) {
            // the gauges keep their last values; the run's own failure is reported by the program
        }
        if (file != null) {
            MetricsFile.write(metrics, file);
        }
    }

    /** The port actually served (tests ask for port 0), or -1. */
    public int port() {
        return endpoint == null ? -1 : endpoint.port();
    }

    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.close();
        }
    }
}
