package org.xcpbalancer.core.cli;

/**
 * Exit codes shared by every xcp-balancer executable, so cron jobs and scripts can tell failures apart.
 * Documented in docs/operations.md; never renumber one. Each code's summary is the one list every program's --help
 * prints (ProgramHelp) and the README's "Exit codes" paragraph repeats word for word (a test compares them).
 */
public enum ExitCode {
    OK(0, "ok"),
    /** Something unexpected; the one-line message says what, --debug shows the stack trace. */
    FAILURE(1, "unexpected error"),
    /** Bad settings, bad command-line usage, a bad scenario file or bad console input. */
    BAD_INPUT(2, "bad settings, usage or input"),
    /** The pool master cannot be reached (connection refused, timeout, host down). */
    POOL_UNREACHABLE(3, "pool unreachable"),
    /** The pool refused the user name or password. */
    AUTHENTICATION_FAILED(4, "XAPI authentication failed"),
    /** The database cannot be reached or refused the credentials. */
    DATABASE_UNREACHABLE(5, "database unreachable"),
    /** An https pool presented a certificate that is neither trusted nor pinned. */
    CERTIFICATE_REJECTED(6, "pool certificate rejected"),
    /** xcp-control: at least one migration failed. */
    MIGRATION_FAILED(7, "a migration or host power action failed"),
    /** xcp-control: migrations still running when control.migrationTimeout passed. */
    TIMEOUT(8, "migrations timed out"),
    /** xcp-control: no collected data, or data older than control.maxDataAge; nothing was decided. */
    STALE_DATA(9, "collected data missing or stale (xcp-control decides nothing)"),
    /** xcp-control --evacuate: the host stays disabled but some VMs could not leave it (listed with why). */
    HOST_NOT_EMPTIED(10, "a host to evacuate could not be emptied");

    private final int code;
    private final String summary;

    ExitCode(int code, String summary) {
        this.code = code;
        this.summary = summary;
    }

    public int code() {
        return code;
    }

    /** A few words for the --help list and the README, e.g. "pool unreachable". */
    public String summary() {
        return summary;
    }
}
