package org.xcpbalancer.manager.console;

/** One leaf command of the console. Thin: it reads its arguments and asks a repository. */
public interface ConsoleCommand {
    CommandSyntax syntax();

    /**
     * Runs the command. Bad input is a {@link ConsoleInputException} thrown before anything is written; other
     * failures the user can act on (database gone) are {@link org.xcpbalancer.core.cli.UserFacingException}s.
     */
    CommandOutput execute(CommandArguments arguments, ConsoleContext context);
}
