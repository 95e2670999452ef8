package org.xcpbalancer.simulator.xapi.wire;

/**
 * A request that is not a well-formed XML-RPC or JSON-RPC call. XAPI answers these with HTTP 500, not with an
 * RPC failure (wire-protocol.md, "Errors").
 */
public class MalformedCallException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedCallException(String message) {
        super(message);
    }

    public MalformedCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
