package org.xcpbalancer.collector;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.Arrays;
import org.slf4j.LoggerFactory;
import org.xcpbalancer.core.cli.Launcher;

/** bin/xcp-collect. */
public final class CollectorMain {
    static final String PROGRAM = "xcp-collect";

    private CollectorMain() {
    }

    public static void main(String[] args) {
        if (!Arrays.asList(args).contains("--debug")) {
            quietLibraryStackTraces();
        }
        Launcher.main(PROGRAM, args, CollectorCommand::new);
    }

    /**
     * HikariCP logs a lost connection at WARN with a stack trace; our one-line DATABASE_UNREACHABLE message says
     * the same, so without --debug that log is kept to errors only.
     */
    static void quietLibraryStackTraces() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger("com.zaxxer.hikari.pool.ProxyConnection").setLevel(Level.ERROR);
        }
    }
}
