package org.xcpbalancer.xapi;

import java.io.IOException;

/** A pool host answered an HTTP GET (e.g. /rrd_updates) with a status other than 200. */
public final class HttpStatusException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpStatusException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** 5xx: the server failed (xapi answers 500 on an internal error or while its toolstack restarts). */
    public boolean isServerError() {
        return status >= 500;
    }
}
