package org.xcpbalancer.core.cli;

/**
 * Exit codes shared by every xcp-balancer executable, so cron jobs and scripts can tell failures apart.
 * Documented in docs/operations.md; never renumber one.
 */
public enum ExitCode {
    OK(0),
    /** Something unexpected; the one-line message says what, --debug shows the stack trace. */
    FAILURE(1),
    /** Bad settings, bad command-line usage, a bad scenario file or bad console input. */
    BAD_INPUT(2),
    /** The pool master cannot be reached (connection refused, timeout, host down). */
    POOL_UNREACHABLE(3),
    /** The pool refused the user name or password. */
    AUTHENTICATION_FAILED(4),
    /** The database cannot be reached or refused the credentials. */
    DATABASE_UNREACHABLE(5),
    /** An https pool presented a certificate that is neither trusted nor pinned. */
    CERTIFICATE_REJECTED(6),
    /** xcp-control: at least one migration failed. */
    MIGRATION_FAILED(7),
    /** xcp-control: migrations still running when control.migrationTimeout passed. */
    TIMEOUT(8),
    /** xcp-control: no collected data, or data older than control.maxDataAge; nothing was decided. */
    STALE_DATA(9);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
