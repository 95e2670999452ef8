package org.xcpbalancer.simulator;

import java.time.Duration;
import org.xcpbalancer.simulator.fault.FaultSettings;
import org.xcpbalancer.simulator.xapi.event.EventLog;

/**
 * How to run a simulator. Build with {@link #defaults()} and the with* methods.
 *
 * @param port              the master's port; 0 = any free port (every host then uses the same one)
 * @param speed             simulated seconds per real second (1 = real time)
 * @param seed              seeds load profiles, failure draws and injected faults
 * @param userName          the pool's local superuser
 * @param password          its password
 * @param faults            faults active from the start
 * @param deletedEventsKept how many deleted objects event.from remembers before older tokens get EVENTS_LOST
 */
public record SimulatorOptions(int port, double speed, long seed, String userName, String password,
                               FaultSettings faults, int deletedEventsKept) {

    public static final int PORT_ANY = 0;
    public static final double SPEED_REAL_TIME = 1.0;
    public static final long SEED_DEFAULT = 42L;
    public static final String USER_NAME_DEFAULT = "root";
    public static final String PASSWORD_DEFAULT = "root";

    public SimulatorOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number, not " + speed);
        }
        if (userName == null || userName.isEmpty()) {
            throw new IllegalArgumentException("user name must not be empty");
        }
        if (password == null) {
            throw new IllegalArgumentException("password must not be null");
        }
        if (faults == null) {
            throw new IllegalArgumentException("faults must not be null (use FaultSettings.NONE)");
        }
        if (deletedEventsKept < 1) {
            throw new IllegalArgumentException("deletedEventsKept must be at least 1");
        }
    }

    public static SimulatorOptions defaults() {
        return new SimulatorOptions(PORT_ANY, SPEED_REAL_TIME, SEED_DEFAULT, USER_NAME_DEFAULT, PASSWORD_DEFAULT,
                FaultSettings.NONE, EventLog.DELETED_OBJECTS_KEPT_DEFAULT);
    }

    public SimulatorOptions withPort(int value) {
        return new SimulatorOptions(value, speed, seed, userName, password, faults, deletedEventsKept);
    }

    public SimulatorOptions withSpeed(double value) {
        return new SimulatorOptions(port, value, seed, userName, password, faults, deletedEventsKept);
    }

    public SimulatorOptions withSeed(long value) {
        return new SimulatorOptions(port, speed, value, userName, password, faults, deletedEventsKept);
    }

    public SimulatorOptions withCredentials(String user, String secret) {
        return new SimulatorOptions(port, speed, seed, user, secret, faults, deletedEventsKept);
    }

    public SimulatorOptions withLatency(Duration latency) {
        return withFaults(faults.withLatency(latency));
    }

    public SimulatorOptions withFaults(FaultSettings value) {
        return new SimulatorOptions(port, speed, seed, userName, password, value, deletedEventsKept);
    }

    public SimulatorOptions withDeletedEventsKept(int value) {
        return new SimulatorOptions(port, speed, seed, userName, password, faults, value);
    }

    @Override
    public String toString() {
        return "SimulatorOptions[port=" + port + ", speed=" + speed + ", seed=" + seed + ", userName=" + userName
                + ", password=***, faults=" + faults + ", deletedEventsKept=" + deletedEventsKept + "]";
    }
}
