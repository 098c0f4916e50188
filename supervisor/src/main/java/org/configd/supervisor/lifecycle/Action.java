package org.configd.supervisor.lifecycle;

import java.time.Duration;
import java.util.List;
import org.apache.logging.log4j.Level;

/** What the state machine asks the supervisor to do. The machine itself does no I/O. */
public sealed interface Action {

    /** Spawn a process for this component; its events will carry {@code launch}. */
    record Spawn(long launch) implements Action {}

    /** Send a signal to the process group led by {@code pid}. */
    record SignalGroup(int pid, int signal) implements Action {}

    /** Send a signal to the process {@code pid} only. */
    record SignalProcess(int pid, int signal) implements Action {}

    /** Push a {@code reload} event on the component's channel. */
    record SendReload() implements Action {}

    /** Arm the component's one timer; a {@link Event.TimerFired} with this token follows after the delay. */
    record ArmTimer(long token, Duration delay) implements Action {}

    /** Write one record to the unified log, as configd, optionally followed by the component's last lines. */
    record Report(Level level, String message, List<String> lastLines) implements Action {
        public Report {
            lastLines = List.copyOf(lastLines);
        }

        public Report(Level level, String message) {
            this(level, message, List.of());
        }
    }

    /** The component was removed from the configuration and has no process left: forget it. */
    record Forget() implements Action {}

    int SIGHUP = 1;
    int SIGKILL = 9;
    int SIGTERM = 15;
}
