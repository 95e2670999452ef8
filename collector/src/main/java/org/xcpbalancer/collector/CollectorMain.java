package org.xcpbalancer.collector;

import org.xcpbalancer.core.cli.Launcher;

/** bin/xcp-collect. */
public final class CollectorMain {
    private CollectorMain() {
    }

    public static void main(String[] args) {
        Launcher.main("xcp-collect", new CollectorCommand(), args);
    }
}
