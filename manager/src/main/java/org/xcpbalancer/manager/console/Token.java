package org.xcpbalancer.manager.console;

/** One word of a console line: its text with quotes and escapes removed, and where it stood in the line. */
public record Token(String text, int start, int end, boolean quoted) {
}
