package org.xcpbalancer.control;

import java.util.function.Supplier;
import org.xcpbalancer.control.execute.MigrationGateway;

/** Opens the pool connection on first use only, so a dry run on a known pool never logs in. */
final class LazyGateway implements AutoCloseable {
    private final Supplier<MigrationGateway> factory;
    private MigrationGateway gateway;

    LazyGateway(Supplier<MigrationGateway> factory) {
        this.factory = factory;
    }

    MigrationGateway get() {
        if (gateway == null) {
            gateway = factory.get();
        }
        return gateway;
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
    }
}
