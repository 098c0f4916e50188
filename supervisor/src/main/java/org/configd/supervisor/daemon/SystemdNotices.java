package org.configd.supervisor.daemon;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.configd.supervisor.config.Snapshot;
import org.configd.supervisor.lifecycle.Component;
import org.configd.supervisor.lifecycle.Supervisor;
import org.configd.supervisor.spawn.PosixException;

/**
 * What configd tells systemd ({@code Type=notify}) and when, through {@link SystemdNotify}:
 *
 * <pre>
 * READY=1       once the sockets serve and every always-on component has been spawned
 * RELOADING=1   when a reload begins (with MONOTONIC_USEC), and READY=1 when it has ended, accepted or rejected
 * STOPPING=1    when shutdown begins; nothing is sent after it
 * </pre>
 *
 * Each message carries a one-line {@code STATUS=} that {@code systemctl status} shows. Every method is called on
 * the supervision loop. Without {@code NOTIFY_SOCKET} nothing is sent. A message that cannot be sent is logged and
 * otherwise ignored: a service manager that went away is no reason to stop supervising.
 */
final class SystemdNotices {

    private static final Logger LOG = LogManager.getLogger(SystemdNotices.class);

    private final SystemdNotify notify;
    private boolean stopping;

    SystemdNotices(SystemdNotify notify) {
        this.notify = notify;
    }

    /** The notices for {@code NOTIFY_SOCKET} in the environment; a bad address is logged and sends nothing. */
    static SystemdNotices fromEnvironment(Map<String, String> environment) {
        try {
            return new SystemdNotices(SystemdNotify.fromEnvironment(environment));
        } catch (IllegalArgumentException e) {
            LOG.warn("{}; configd sends systemd no notifications", e.getMessage());
            return new SystemdNotices(SystemdNotify.fromEnvironment(Map.of()));
        }
    }

    /** Every always-on component of the first generation has been spawned (or has failed to be). */
    void started(Snapshot first, Supervisor supervisor) {
        if (!stopping && notify.enabled()) {
            send("READY=1\nSTATUS=" + summary(first, supervisor));
        }
    }

    /** A reload begins. */
    void reloading(String trigger) {
        if (!stopping && notify.enabled()) {
            send("RELOADING=1\nMONOTONIC_USEC=" + SystemdNotify.monotonicMicros() + "\nSTATUS=reloading ("
                    + trigger + ")");
        }
    }

    /** A reload has ended; {@code inForce} is the snapshot now in force. */
    void reloaded(Snapshot inForce, Supervisor supervisor, boolean rejected) {
        if (!stopping && notify.enabled()) {
            send("READY=1\nSTATUS=" + (rejected ? "the last reload was rejected (see the log); " : "")
                    + summary(inForce, supervisor));
        }
    }

    /** Shutdown begins; nothing is sent after this. */
    void stopping(String why) {
        if (!stopping && notify.enabled()) {
            send("STOPPING=1\nSTATUS=stopping every component (" + why + ")");
        }
        stopping = true;
    }

    /** e.g. {@code generation 3, 2 of 3 components up, license valid}. */
    private static String summary(Snapshot snapshot, Supervisor supervisor) {
        List<Component> status = supervisor.status();
        long up = status.stream().filter(c -> c.state().hasProcess()).count();
        return "generation " + snapshot.generation() + ", " + up + " of " + status.size() + " components up, license "
                + snapshot.license().stateAt(Instant.now()).wireName();
    }

    private void send(String message) {
        try {
            notify.send(message);
        } catch (PosixException e) {
            LOG.warn("cannot notify systemd ({}): {}", message.substring(0, message.indexOf('\n')), e.getMessage());
        }
    }
}
