package org.xcpbalancer.control.execute;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the executor asks of the pool, by uuid and task ref. {@link XapiMigrationGateway} does it through the
 * XAPI SDK; every XAPI error comes back as a {@link MigrationRefusedException} with XAPI's error code and
 * parameters, connection trouble as the core's UserFacingException.
 */
public interface MigrationGateway extends AutoCloseable {

    /** VM.assert_can_boot_here: throws when the host cannot take the VM now (memory, host down, ...). */
    void assertCanBootHere(String vmUuid, String hostUuid) throws MigrationRefusedException;

    /** Async.VM.pool_migrate with live=true; returns the task ref at once. */
    String launch(String vmUuid, String hostUuid) throws MigrationRefusedException;

    /** task.get_record, reduced to what following a task needs. */
    TaskStatus poll(String taskRef) throws MigrationRefusedException;

    /** task.cancel; a task that already ended is not an error. */
    void cancel(String taskRef);

    /** task.destroy; a task that is already gone is not an error. */
    void destroy(String taskRef);

    /**
     * VM.get_current_operations: task ref -> operation as XAPI names it ("pool_migrate"). A pool_migrate runs as
     * the VM's current operation keyed by the ref of the Async task the launch returned, so this finds the task
     * of a launch whose answer never arrived.
     */
    Map<String, String> currentOperations(String vmUuid) throws MigrationRefusedException;

    /** The uuid of the host the VM is resident on now, or empty when it is not running. */
    Optional<String> residentOn(String vmUuid) throws MigrationRefusedException;

    /**
     * host.disable/enable/shutdown/power_on on this gateway's connection (maintenance and density); closing the
     * view closes nothing, closing this gateway closes both.
     */
    default HostGateway hosts() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no host calls");
    }

    /** The uuid of the pool this gateway talks to. */
    String poolUuid();

    @Override
    void close();

    /** A task as last read: its status, progress 0..1 and, when it failed, XAPI's error_info. */
    record TaskStatus(State state, double progress, List<String> errorInfo) {
        public enum State { PENDING, SUCCESS, FAILURE, CANCELLING, CANCELLED, GONE }

        public TaskStatus {
            errorInfo = List.copyOf(errorInfo);
        }

        public boolean ended() {
            return state != State.PENDING && state != State.CANCELLING;
        }

        /** "VM_MIGRATE_FAILED vm source destination message", as stored in Migration.XapiError. */
        public String errorText() {
            return String.join(" ", errorInfo);
        }
    }
}
