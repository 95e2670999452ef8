package org.xcpbalancer.core.cli;

/**
 * A failure the user can act on: its message is printed as one line ("xcp-collect: message") and the
 * program exits with its code. The message must name what is wrong and never contain a secret: URL credentials
 * in it (a password written into db.url or xapi.url) are masked here, since the message is printed, logged and
 * stored in the run logs.
 */
public class UserFacingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public UserFacingException(ExitCode exitCode, String message) {
        super(CredentialMask.mask(message));
        this.exitCode = exitCode;
    }

    public UserFacingException(ExitCode exitCode, String message, Throwable cause) {
        super(CredentialMask.mask(message), cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
