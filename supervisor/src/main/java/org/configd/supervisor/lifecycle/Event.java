package org.configd.supervisor.lifecycle;

import java.util.List;
import org.configd.supervisor.spawn.ProcessEnd;

/** Everything that can happen to a component. Events arrive on the supervision thread, one at a time. */
public sealed interface Event {

    /** An operator (or boot, or an acquire) wants it running. */
    record Start() implements Event {}

    /** An operator wants it stopped and to stay stopped. */
    record Stop() implements Event {}

    /** An operator wants a fresh process. */
    record Restart() implements Event {}

    /** configd is shutting down: stop, and never restart. */
    record Shutdown() implements Event {}

    /** The process of launch number {@code launch} exists with this pid. */
    record Spawned(long launch, int pid) implements Event {}

    /** A {@code readiness = notify} component said it serves. */
    record Ready() implements Event {}

    /** The process of launch number {@code launch} has ended (reaped), with its last stderr lines. */
    record Ended(long launch, ProcessEnd end, List<String> lastLines) implements Event {
        public Ended {
            lastLines = List.copyOf(lastLines);
        }
    }

    /** The timer armed with this token fired; stale tokens are ignored. */
    record TimerFired(long token) implements Event {}

    /**
     * A reload produced a new snapshot that concerns this component. The flags say what changed; at most one
     * SIGHUP is sent whatever the combination.
     *
     * @param processChanged  command, user, group, environment, working directory or stdout changed: restart
     * @param settingsChanged its settings changed: SIGHUP and a reload event
     * @param licenseChanged  the license changed
     * @param supervision     the new supervision parameters (start mode, readiness, timeouts)
     */
    record Reconfigured(boolean processChanged, boolean settingsChanged, boolean licenseChanged,
                        Supervision supervision) implements Event {}

    /** The component left the configuration. */
    record Removed() implements Event {}
}
