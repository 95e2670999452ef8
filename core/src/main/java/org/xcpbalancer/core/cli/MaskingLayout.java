package org.xcpbalancer.core.cli;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The log layout of every program (core's logback.xml): the usual pattern, with URL credentials masked in the
 * whole line, message and stack trace alike (HikariCP logs its jdbcUrl at debug level, libraries put URLs into
 * exception messages).
 */
public class MaskingLayout extends PatternLayout {
    @Override
    public String doLayout(ILoggingEvent event) {
        return CredentialMask.mask(super.doLayout(event));
    }
}
