package org.xcpbalancer.manager.console;

import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;

/** Bad console input: one line saying what is wrong; nothing was written and the console keeps running. */
public class ConsoleInputException extends UserFacingException {
    private static final long serialVersionUID = 1L;

    public ConsoleInputException(String message) {
        super(ExitCode.BAD_INPUT, message);
    }
}
