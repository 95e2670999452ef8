package org.xcpbalancer.manager.console;

/** Where the values of a command's argument come from, for tab completion. */
public enum ValueSource {
    NONE, SUBJECT, HOST, VM, POOL, COMMAND, GROUP, TAG
}
