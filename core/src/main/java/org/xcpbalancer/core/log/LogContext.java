package org.xcpbalancer.core.log;

import org.slf4j.MDC;

/**
 * The pool a thread is working on, shown on each of its lines (text: "[pool]", json: "pool"). Kept in SLF4J's
 * MDC under {@value #POOL}, so library log lines written while a pool is handled carry it too.
 */
public final class LogContext {
    public static final String POOL = "pool";

    private LogContext() {
    }

    /** From now on this thread's lines name the pool; close the result when done with it. */
    public static PoolScope pool(String poolName) {
        String before = MDC.get(POOL);
        if (poolName == null) {
            MDC.remove(POOL);
        } else {
            MDC.put(POOL, poolName);
        }
        return () -> {
            if (before == null) {
                MDC.remove(POOL);
            } else {
                MDC.put(POOL, before);
            }
        };
    }

    /** The pool of this thread's lines, or null. */
    public static String currentPool() {
        return MDC.get(POOL);
    }

    /** Ends a {@link #pool(String)}; closing never fails. */
    public interface PoolScope extends AutoCloseable {
        @Override
        void close();
    }
}
