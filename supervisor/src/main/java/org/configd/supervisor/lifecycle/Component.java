package org.configd.supervisor.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.configd.supervisor.spawn.ProcessEnd;

/**
 * One component's supervision state: an immutable value that only {@link Lifecycle#next} replaces.
 *
 * @param name        the component's name
 * @param supervision the parameters of the current configuration that the machine needs
 * @param state       where it is in its life
 * @param afterStop   what happens once the process being stopped has ended (meaningful in {@code stopping})
 * @param launch      number of the latest spawn, so that events of an older process are recognised and ignored
 * @param pid         the current process, or 0 when there is none (or its spawn is still under way)
 * @param since       when {@code state} last changed
 * @param startedAt   when the latest process was spawned (backoff resets after it stayed up long enough)
 * @param restarts    how many times configd restarted it by itself
 * @param backoff     the delay used for the latest crash restart, zero when none
 * @param lastExit    how its previous process ended, or null
 * @param timer       token of the one armed timer, 0 when none
 * @param statusText  the short status text the component set, or null
 */
public record Component(
        String name,
        Supervision supervision,
        ComponentState state,
        AfterStop afterStop,
        long launch,
        int pid,
        Instant since,
        Instant startedAt,
        int restarts,
        Duration backoff,
        ProcessEnd lastExit,
        long timer,
        String statusText) {

    /** What to do when a process configd is stopping has ended. */
    public enum AfterStop {
        STAY_STOPPED,
        START_AGAIN,
        RESTART_WITH_BACKOFF,
        FORGET
    }

    public Component {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(supervision, "supervision");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(afterStop, "afterStop");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(backoff, "backoff");
    }

    /** A component that has never run, in the given state. */
    static Component fresh(String name, Supervision supervision, ComponentState state, Instant now) {
        return new Component(name, supervision, state, AfterStop.STAY_STOPPED, 0, 0, now, null, 0,
                Duration.ZERO, null, 0, null);
    }

    Component withState(ComponentState newState, Instant now) {
        return new Component(name, supervision, newState, afterStop, launch, pid,
                newState == state ? since : now, startedAt, restarts, backoff, lastExit, timer, statusText);
    }

    Component withAfterStop(AfterStop value) {
        return new Component(name, supervision, state, value, launch, pid, since, startedAt, restarts, backoff,
                lastExit, timer, statusText);
    }

    Component withPid(int value) {
        return new Component(name, supervision, state, afterStop, launch, value, since, startedAt, restarts,
                backoff, lastExit, timer, statusText);
    }

    Component withTimer(long value) {
        return new Component(name, supervision, state, afterStop, launch, pid, since, startedAt, restarts,
                backoff, lastExit, value, statusText);
    }

    Component withBackoff(Duration value) {
        return new Component(name, supervision, state, afterStop, launch, pid, since, startedAt, restarts, value,
                lastExit, timer, statusText);
    }

    Component withSupervision(Supervision value) {
        return new Component(name, value, state, afterStop, launch, pid, since, startedAt, restarts, backoff,
                lastExit, timer, statusText);
    }

    /** The process is gone, and with it the status text it had set. */
    Component ended(ProcessEnd end) {
        return new Component(name, supervision, state, afterStop, launch, 0, since, startedAt, restarts, backoff,
                end, 0, null);
    }

    Component launched(Instant now, boolean isRestart) {
        return new Component(name, supervision, ComponentState.STARTING, AfterStop.STAY_STOPPED, launch + 1, 0,
                now, now, isRestart ? restarts + 1 : restarts, backoff, lastExit, 0, null);
    }

    /** The same component with a new status text (set by the component itself). */
    public Component withStatusText(String value) {
        return new Component(name, supervision, state, afterStop, launch, pid, since, startedAt, restarts,
                backoff, lastExit, timer, value);
    }

    /** "scan-engine (pid 4711)", or just the name when it has no process. */
    String who() {
        return pid > 0 ? name + " (pid " + pid + ")" : name;
    }
}
