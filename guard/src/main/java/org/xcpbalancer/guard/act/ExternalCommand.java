package org.xcpbalancer.guard.act;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.xcpbalancer.core.cli.CredentialMask;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;

/**
 * A command of the settings (guard.fenceCommand, guard.reinstallCommand) run without a shell, as an argument list
 * (words split on spaces; '...' and "..." keep spaces), with placeholders such as {host} replaced in each word,
 * killed (with its children) after the timeout. Exit 0 is success. What is shown or stored of it is masked: the
 * word after -p, --password, --passwd or -P, and every password=... or user:password@ form
 * ({@link CredentialMask}); the output has those values masked too.
 */
public final class ExternalCommand {
    /** Options whose next word is a password (fence agents use -p / --password). */
    private static final Set<String> SECRET_OPTIONS = Set.of("-p", "-P", "--password", "--passwd", "--pass");
    private static final int MAX_OUTPUT = 2000;

    private final String settingName;
    private final List<String> template;
    private final Duration timeout;

    /** What one run did: exit code (null when killed at the timeout), its output and the masked command line. */
    public record Result(Integer exitCode, String output, String shownCommand) {
        public boolean succeeded() {
            return exitCode != null && exitCode == 0;
        }
    }

    /** @param settingName the settings key it comes from, for messages (e.g. guard.fenceCommand) */
    public ExternalCommand(String settingName, String command, Duration timeout) {
        this.settingName = settingName;
        this.template = split(settingName, command);
        if (template.isEmpty()) {
            throw new UserFacingException(ExitCode.BAD_INPUT, settingName + " is empty");
        }
        this.timeout = timeout;
    }

    public String settingName() {
        return settingName;
    }

    /** The words, each with the placeholders filled; a missing value ({ipmi} without other_config) is "". */
    public List<String> arguments(Map<String, String> values) {
        List<String> args = new ArrayList<>();
        for (String word : template) {
            String filled = word;
            for (Map.Entry<String, String> v : values.entrySet()) {
                filled = filled.replace("{" + v.getKey() + "}", v.getValue() == null ? "" : v.getValue());
            }
            args.add(filled);
        }
        return args;
    }

    /** The command line as it may be shown and stored: passwords masked. */
    public static String shown(List<String> args) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            boolean secret = i > 0 && SECRET_OPTIONS.contains(args.get(i - 1));
            String word = secret ? CredentialMask.MASK : CredentialMask.mask(args.get(i));
            // quoted as it would be typed, so the line shows where each argument starts and ends
            shown.add(word.isEmpty() || word.chars().anyMatch(Character::isWhitespace) ? "'" + word + "'" : word);
        }
        return String.join(" ", shown);
    }

    public Result run(Map<String, String> values) throws InterruptedException {
        List<String> args = arguments(values);
        String shown = shown(args);
        Process process;
        try {
            process = new ProcessBuilder(args).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(null, "could not start " + settingName + ": " + e.getMessage(), shown);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(process.getInputStream(), output), "fence-output");
        reader.setDaemon(true);
        reader.start();
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the command reads no input
        }
        Integer exit;
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            exit = process.exitValue();
        } else {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            exit = null;
        }
        reader.join(1000);
        String text;
        synchronized (output) {
            text = output.toString(StandardCharsets.UTF_8);
        }
        text = masked(text.strip(), args);
        if (exit == null) {
            text = ("killed after " + timeout.toSeconds() + " s. " + text).strip();
        }
        return new Result(exit, text.length() > MAX_OUTPUT ? text.substring(0, MAX_OUTPUT) + "..." : text, shown);
    }

    /** The output with every password given on the command line replaced by ****. */
    private static String masked(String text, List<String> args) {
        Set<String> secrets = new HashSet<>();
        for (int i = 1; i < args.size(); i++) {
            if (SECRET_OPTIONS.contains(args.get(i - 1)) && !args.get(i).isEmpty()) {
                secrets.add(args.get(i));
            }
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, CredentialMask.MASK);
        }
        return CredentialMask.mask(masked);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (out) {
                    if (out.size() < 64 * 1024) {
                        out.write(buffer, 0, n);
                    }
                }
            }
        } catch (IOException ignored) {
            // the process ended or was killed
        }
    }

    private static List<String> split(String settingName, String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : command.strip().toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new UserFacingException(ExitCode.BAD_INPUT, settingName + " has an unclosed " + quote + " quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
