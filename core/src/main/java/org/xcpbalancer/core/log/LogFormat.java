package org.xcpbalancer.core.log;

/** --log-format: how lines look when the output is not a terminal. */
public enum LogFormat {
    /** "2026-12-01T11:19:07.123+01:00 [pool] message": for people reading a file, journald or cron mail. */
    TEXT,
    /** One JSON object a line (time, level, program, pool, message): for Loki, ELK and the like. */
    JSON
}
