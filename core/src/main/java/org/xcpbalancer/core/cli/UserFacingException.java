package org.xcpbalancer.core.cli;

/**
 * A failure the user can act on: its message is printed as one line ("xcp-collect: message") and the
 * program exits with its code. The message must name what is wrong and never contain a secret.
 */
public class UserFacingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public UserFacingException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public UserFacingException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
