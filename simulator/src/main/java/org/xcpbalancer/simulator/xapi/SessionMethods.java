package org.xcpbalancer.simulator.xapi;

import java.util.List;
import org.xcpbalancer.simulator.model.SimHost;

/** session.*, system.listMethods and the pool getters that need more than the record. */
final class SessionMethods {

    /** What xapi's local authentication says when the password is wrong. */
    static final String AUTHENTICATION_FAILURE_MESSAGE = "Authentication failure";

    private SessionMethods() {
    }

    static void register(MethodTable table, XapiServices services) {
        table.addWithoutSession("session.login_with_password", 2, 4, context -> login(context, services));
        table.add("session.logout", 0, context -> {
            services.sessions().remove(context.session().ref());
            return "";
        });
        table.add("session.get_this_host", 1, context -> {
            SimSession self = services.sessions().require(context.arg(0));
            return services.refs().ref(XapiClassNames.HOST, self.thisHostUuid());
        });
        table.addWithoutSession("system.listMethods", 0, 0, context -> List.<Object>copyOf(table.names()));
    }

    private static Object login(CallContext context, XapiServices services) throws XapiException {
        SimHost master = services.model().master();
        if (!master.uuid().equals(context.hostUuid())) {
            throw new XapiException(XapiErrorCodes.HOST_IS_SLAVE, master.address());
        }
        String userName = context.stringArg(0);
        String password = context.stringArg(1);
        XapiServices.Credentials credentials = services.credentials();
        if (!credentials.userName().equals(userName) || !credentials.password().equals(password)) {
            throw new XapiException(XapiErrorCodes.SESSION_AUTHENTICATION_FAILED, userName,
                    AUTHENTICATION_FAILURE_MESSAGE);
        }
        String originator = context.args().size() > 3 ? String.valueOf(context.arg(3)) : "";
        return services.sessions().create(userName, originator, master.uuid(), services.model().clock().now()).ref();
    }
}
