package org.xcpbalancer.simulator.model;

/** A VM does not fit on a host; XAPI reports this as HOST_NOT_ENOUGH_FREE_MEMORY [needed, available]. */
public final class NotEnoughFreeMemoryException extends Exception {
    private static final long serialVersionUID = 1L;
    private final long neededBytes;
    private final long availableBytes;

    public NotEnoughFreeMemoryException(long neededBytes, long availableBytes) {
        super("needs " + neededBytes + " bytes, " + availableBytes + " bytes free");
        this.neededBytes = neededBytes;
        this.availableBytes = availableBytes;
    }

    public long neededBytes() {
        return neededBytes;
    }

    public long availableBytes() {
        return availableBytes;
    }
}
