package org.xcpbalancer.control.execute;

import com.xensource.xenapi.Host;
import com.xensource.xenapi.Pool;
import com.xensource.xenapi.Task;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VM;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.xapi.XapiErrors;
import org.xcpbalancer.xapi.XapiSession;

/**
 * {@link MigrationGateway} through the official XAPI SDK on one core {@link XapiSession} (which follows
 * HOST_IS_SLAVE and logs in again on SESSION_INVALID). XAPI errors become {@link MigrationRefusedException}s with
 * XAPI's own error description; network trouble stays the session's one-line UserFacingException.
 */
public final class XapiMigrationGateway implements MigrationGateway {
    /** Async.VM.pool_migrate options: a live migration, never forced. */
    static final Map<String, String> LIVE = Map.of("live", "true");

    private final XapiSession session;

    public XapiMigrationGateway(XapiSession session) {
        this.session = session;
    }

    public static XapiMigrationGateway open(XapiSettings settings) {
        return new XapiMigrationGateway(XapiSession.open(settings));
    }

    /** @param notices hears "xapi.url names a slave; using pool master ..." when it does (see XapiNotices) */
    public static XapiMigrationGateway open(XapiSettings settings, java.util.function.Consumer<String> notices) {
        return new XapiMigrationGateway(XapiSession.open(settings, notices));
    }

    @Override
    public void assertCanBootHere(String vmUuid, String hostUuid) throws MigrationRefusedException {
        call("VM.assert_can_boot_here", c -> {
            VM.getByUuid(c, vmUuid).assertCanBootHere(c, Host.getByUuid(c, hostUuid));
            return null;
        });
    }

    @Override
    public String launch(String vmUuid, String hostUuid) throws MigrationRefusedException {
        return call("Async.VM.pool_migrate", c -> VM.getByUuid(c, vmUuid)
                .poolMigrateAsync(c, Host.getByUuid(c, hostUuid), LIVE).toWireString());
    }

    @Override
    public TaskStatus poll(String taskRef) throws MigrationRefusedException {
        Task.Record record;
        try {
            record = session.call("task.get_record", c -> Types.toTask(taskRef).getRecord(c));
        } catch (Types.HandleInvalid gone) {
            return new TaskStatus(TaskStatus.State.GONE, 0, List.of());
        } catch (Types.XenAPIException e) {
            throw refused(e);
        }
        TaskStatus.State state = switch (record.status == null ? Types.TaskStatusType.UNRECOGNIZED : record.status) {
            case SUCCESS -> TaskStatus.State.SUCCESS;
            case FAILURE -> TaskStatus.State.FAILURE;
            case CANCELLING -> TaskStatus.State.CANCELLING;
            case CANCELLED -> TaskStatus.State.CANCELLED;
            default -> TaskStatus.State.PENDING;
        };
        List<String> errorInfo = record.errorInfo == null ? List.of() : new ArrayList<>(record.errorInfo);
        return new TaskStatus(state, record.progress == null ? 0 : record.progress, errorInfo);
    }

    @Override
    public void cancel(String taskRef) {
        try {
            session.call("task.cancel", c -> {
                Types.toTask(taskRef).cancel(c);
                return null;
            });
        } catch (Types.XenAPIException | UserFacingException e) {
            // Already ended or gone: nothing to cancel.
        }
    }

    @Override
    public void destroy(String taskRef) {
        try {
            session.call("task.destroy", c -> {
                Types.toTask(taskRef).destroy(c);
                return null;
            });
        } catch (Types.XenAPIException | UserFacingException e) {
            // Already gone; xapi removes finished tasks after about an hour anyway.
        }
    }

    @Override
    public Map<String, String> currentOperations(String vmUuid) throws MigrationRefusedException {
        return call("VM.get_current_operations", c -> {
            Map<String, String> operations = new LinkedHashMap<>();
            VM.getByUuid(c, vmUuid).getCurrentOperations(c).forEach((task, op) -> operations.put(task, String.valueOf(op)));
            return operations;
        });
    }

    @Override
    public Optional<String> residentOn(String vmUuid) throws MigrationRefusedException {
        return call("VM.get_resident_on", c -> {
            Host host = VM.getByUuid(c, vmUuid).getResidentOn(c);
            return host == null || host.isNull() ? Optional.<String>empty() : Optional.of(host.getUuid(c));
        });
    }

    @Override
    public String poolUuid() {
        return session.read("pool.get_all", c -> {
            var pools = Pool.getAll(c);
            if (pools.isEmpty()) {
                throw new UserFacingException(ExitCode.FAILURE, "the pool master reports no pool object");
            }
            return pools.iterator().next().getUuid(c);
        });
    }

    @Override
    public HostGateway hosts() {
        return XapiHostGateway.on(session);
    }

    @Override
    public void close() {
        session.close();
    }

    private <T> T call(String what, org.xcpbalancer.xapi.XapiCall<T> call) throws MigrationRefusedException {
        try {
            return session.call(what, call);
        } catch (Types.XenAPIException e) {
            throw refused(e);
        }
    }

    private static MigrationRefusedException refused(Types.XenAPIException e) {
        return new MigrationRefusedException(XapiErrors.description(e));
    }
}
