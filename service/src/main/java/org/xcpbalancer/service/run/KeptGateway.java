package org.xcpbalancer.service.run;

import java.util.Optional;
import org.xcpbalancer.control.execute.MigrationGateway;
import org.xcpbalancer.control.execute.MigrationRefusedException;

/** The pool's gateway on the session the worker keeps open: a control run's close() leaves it open. */
final class KeptGateway implements MigrationGateway {
    private final MigrationGateway gateway;

    KeptGateway(MigrationGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void assertCanBootHere(String vmUuid, String hostUuid) throws MigrationRefusedException {
        gateway.assertCanBootHere(vmUuid, hostUuid);
    }

    @Override
    public String launch(String vmUuid, String hostUuid) throws MigrationRefusedException {
        return gateway.launch(vmUuid, hostUuid);
    }

    @Override
    public TaskStatus poll(String taskRef) throws MigrationRefusedException {
        return gateway.poll(taskRef);
    }

    @Override
    public void cancel(String taskRef) {
        gateway.cancel(taskRef);
    }

    @Override
    public void destroy(String taskRef) {
        gateway.destroy(taskRef);
    }

    @Override
    public Optional<String> residentOn(String vmUuid) throws MigrationRefusedException {
        return gateway.residentOn(vmUuid);
    }

    @Override
    public String poolUuid() {
        return gateway.poolUuid();
    }

    @Override
    public void close() {
        // the worker logs out when it stops
    }
}
