package org.xcpbalancer.guard.host;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Does the host answer on its management address? A TCP connection to the XAPI port, closed at once. A dead host
 * refuses or times out; a host cut off from the master only still accepts, and then is not dead.
 */
public final class TcpProbe {
    private final Duration timeout;

    public TcpProbe(Duration timeout) {
        this.timeout = timeout;
    }

    /** Empty when the address accepts a connection; otherwise what went wrong, e.g. "Connection refused". */
    public java.util.Optional<String> problem(String address, int port) {
        if (address == null || address.isBlank()) {
            return java.util.Optional.of("no address recorded");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) Math.max(1, timeout.toMillis()));
            return java.util.Optional.empty();
        } catch (IOException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return java.util.Optional.of(message);
        }
    }
}
