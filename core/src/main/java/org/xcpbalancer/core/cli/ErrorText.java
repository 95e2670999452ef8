package org.xcpbalancer.core.cli;

/**
 * Turns an error message or exception into the one line a user is shown: drivers, TLS and XML parsers put
 * several lines (and sometimes a whole server reply) into their messages, and error lines must stay one line.
 */
public final class ErrorText {
    /** Longer first lines are cut: a reply body quoted in a message is no help in a one-line error. */
    static final int MAX_LENGTH = 300;
    private static final String NO_DETAILS = "no details";

    private ErrorText() {
    }

    /** The message's first non-blank line, cut to {@value #MAX_LENGTH} characters; "no details" when empty. */
    public static String firstLine(String message) {
        if (message == null) {
            return NO_DETAILS;
        }
        String line = message.strip().lines().findFirst().orElse("");
        if (line.isBlank()) {
            return NO_DETAILS;
        }
        return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + "..." : line;
    }

    /** The failure's own message as one line, or its class's simple name when it has no message. */
    public static String firstLine(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : firstLine(message);
    }

    /** The innermost cause's message as one line: what went wrong at the bottom (a refused socket, a bad row). */
    public static String rootCauseLine(Throwable failure) {
        return firstLine(rootCause(failure));
    }

    /** The innermost cause of a chain (the failure itself when it has no cause). */
    public static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
