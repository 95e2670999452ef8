package org.xcpbalancer.collector.rrd;

import java.io.IOException;

/** An /rrd_updates answer that is not the XML xcp-rrdd writes. */
public final class RrdFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public RrdFormatException(String message) {
        super(message);
    }

    public RrdFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
