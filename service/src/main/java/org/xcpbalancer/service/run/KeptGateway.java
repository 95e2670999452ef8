package org.xcpbalancer.service.run;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.xcpbalancer.control.execute.MigrationGateway;

/**
 * The pool's gateway on the session the worker keeps open between control runs: every call goes through, but a
 * run's close() leaves the session open (the worker logs out when it stops). A proxy rather than a hand-written
 * delegate, so the gateway can grow without this class following it.
 */
final class KeptGateway {
    private KeptGateway() {
    }

    static MigrationGateway of(MigrationGateway gateway) {
        return (MigrationGateway) Proxy.newProxyInstance(MigrationGateway.class.getClassLoader(),
                new Class<?>[] {MigrationGateway.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        return null;
                    }
                    try {
                        return method.invoke(gateway, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
