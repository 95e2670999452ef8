package org.xcpbalancer.core.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Logback's set-up for every program, in code (found through META-INF/services) rather than a logback.xml: no
 * XML parser is loaded at start, which keeps `xcp-collect` from cron quick. Quiet by default: warnings on
 * stderr through {@link ProgramLogAppender}; --debug turns it up (see Launcher).
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ProgramLogAppender appender = new ProgramLogAppender();
        appender.setContext(context);
        appender.setName("program");
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        context.getLogger("org.xcpbalancer").setLevel(Level.WARN);
        // "MariaDB 11.4 is newer than this version of Flyway": true of the embedded server, and harmless.
        context.getLogger("org.flywaydb.core.internal.database.base.Database").setLevel(Level.ERROR);
        // MariaDB's Connector/J logs every error the server answers as a WARN ("ErrorPacket - Error: 1146 ..."),
        // expected ones too; the programs report the errors that matter themselves.
        context.getLogger("org.mariadb.jdbc").setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
