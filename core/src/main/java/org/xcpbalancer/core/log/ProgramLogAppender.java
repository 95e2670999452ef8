package org.xcpbalancer.core.log;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.io.PrintStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.xcpbalancer.core.cli.CredentialMask;

/**
 * The one log appender of every program (set up by {@link LogConfigurator}): on a terminal
 * "11:19:07.123 WARN  o.x.c.CollectionService - message" as before; into a file or pipe the same with an
 * ISO-8601 timestamp and the pool, or one JSON object. URL credentials are masked in the whole line, message and
 * stack trace alike (HikariCP logs its jdbcUrl at debug level, libraries put URLs into exception messages).
 */
public final class ProgramLogAppender extends AppenderBase<ILoggingEvent> {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private final TargetLengthBasedClassNameAbbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(24);

    @Override
    protected void append(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            message = message + System.lineSeparator() + ThrowableProxyUtil.asString(thrown).stripTrailing();
        }
        String level = event.getLevel().toString();
        OffsetDateTime time = OffsetDateTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()), ZoneId.systemDefault());
        String logger = abbreviator.abbreviate(event.getLoggerName());
        String line;
        if (ProgramOutput.format() == LogFormat.JSON) {
            line = LogLine.format(LogFormat.JSON, time, level, ProgramOutput.program(),
                    event.getMDCPropertyMap().get(LogContext.POOL), logger + " - " + message);
        } else {
            String body = String.format(Locale.ROOT, "%-5s %s - %s", level, logger, message);
            line = ProgramOutput.stampLogs()
                    ? LogLine.format(LogFormat.TEXT, time, level, ProgramOutput.program(),
                            event.getMDCPropertyMap().get(LogContext.POOL), body)
                    : CLOCK.format(time) + " " + body;
        }
        PrintStream out = ProgramOutput.logStream();
        out.println(CredentialMask.mask(line));
        out.flush();
    }
}
