package org.xcpbalancer.xapi;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Where the executables say what {@link XapiSession#open(org.xcpbalancer.core.settings.XapiSettings, Consumer)}
 * notices (e.g. "xapi.url names a slave; using pool master 10.0.0.1"): one line on stderr after the program's
 * name, each line once per process however often a service loop logs in again. Shared by xcp-collect and
 * xcp-control so both say it the same way.
 */
public final class XapiNotices {
    private XapiNotices() {
    }

    /** "xcp-control: xapi.url names a slave; using pool master 10.0.0.1", printed the first time only. */
    public static Consumer<String> printedOnce(String program, PrintStream err) {
        Set<String> said = ConcurrentHashMap.newKeySet();
        return line -> {
            if (said.add(line)) {
                err.println(program + ": " + line);
                err.flush();
            }
        };
    }
}
