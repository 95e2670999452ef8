package org.xcpbalancer.collector;

import org.xcpbalancer.core.cli.Launcher;

/** bin/xcp-collect. Launcher keeps HikariCP's lost-connection stack traces out of the output without --debug. */
public final class CollectorMain {
    static final String PROGRAM = "xcp-collect";

    private CollectorMain() {
    }

    public static void main(String[] args) {
        Launcher.main(PROGRAM, args, CollectorCommand::new);
    }
}
