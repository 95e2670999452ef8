package org.xcpbalancer.core.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;

/**
 * Masks credentials written into URLs wherever a URL may be printed, logged or stored: the password of a user
 * info part (http://root:secret@host, jdbc:mysql://xcp:secret@db/Xen) and password-like parameters (?password=,
 * &password1=, ;pwd=, (password=...) of MySQL's key-value form). The user name stays: it says who was refused.
 * Applied to every {@link UserFacingException} message, to --debug stack traces and to every log line.
 */
public final class CredentialMask {
    public static final String MASK = "****";

    /** scheme://user:password@ - the password runs to the last @ before the path or the end of the word. */
    private static final Pattern USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://[^/\\s:@'\"]*:)[^/\\s'\"]*@");
    /** password=..., Password=..., password2=..., pwd=..., passwd=... up to the next separator. */
    private static final Pattern PARAMETER = Pattern.compile("(?i)([\\w.-]*(?:password|passwd|pwd)\\d*=)[^&;,)\\s'\"]*");

    private CredentialMask() {
    }

    /** The text with every URL credential replaced by ****. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
        return PARAMETER.matcher(masked).replaceAll("$1" + MASK);
    }

    /** A throwable's stack trace (causes included) as text, masked: for --debug output. */
    public static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        try (PrintWriter writer = new PrintWriter(text)) {
            failure.printStackTrace(writer);
        }
        return mask(text.toString());
    }
}
