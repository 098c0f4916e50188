package org.configd.supervisor.lifecycle;

import static org.configd.supervisor.lifecycle.ComponentState.BACKOFF;
import static org.configd.supervisor.lifecycle.ComponentState.IDLE;
import static org.configd.supervisor.lifecycle.ComponentState.RUNNING;
import static org.configd.supervisor.lifecycle.ComponentState.STARTING;
import static org.configd.supervisor.lifecycle.ComponentState.STOPPED;
import static org.configd.supervisor.lifecycle.ComponentState.STOPPING;
import static org.configd.supervisor.lifecycle.ComponentState.WAITING_CONFIG;
import static org.configd.supervisor.lifecycle.ComponentState.WAITING_LICENSE;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.configd.supervisor.config.Readiness;
import org.configd.supervisor.config.StartMode;
import org.configd.supervisor.lifecycle.Component.AfterStop;
import org.configd.supervisor.spawn.ProcessEnd;

/**
 * The state machine of one component: {@link #next} maps (component, event) to the new component and the
 * actions to carry out. It is a pure function of its inputs, so every state/event pair is tested without a
 * process or a clock; the {@link Supervisor} performs the actions.
 *
 * <p>Timers: a component has at most one timer. Its token encodes the launch and the phase, so a timer
 * armed for an older process or an earlier phase is recognised as stale and ignored.
 */
public final class Lifecycle {

    private static final int START_TIMER = 1;
    private static final int STOP_TIMER = 2;
    private static final int BACKOFF_TIMER = 3;

    /** The new component and what to do; {@code component} is null once the component is forgotten. */
    public record Step(Component component, List<Action> actions) {
        public Step {
            actions = List.copyOf(actions);
        }

        /** This step with one more action, performed after the others. */
        Step then(Action action) {
            List<Action> more = new ArrayList<>(actions);
            more.add(action);
            return new Step(component, more);
        }
    }

    private Lifecycle() {}

    /** A component that just appeared in the configuration (at boot or on reload). */
    public static Step added(String name, Supervision supervision, Instant now) {
        StartMode mode = supervision.start();
        if (mode == StartMode.ALWAYS) {
            return spawn(Component.fresh(name, supervision, STOPPED, now), now, false, new ArrayList<>());
        }
        return new Step(Component.fresh(name, supervision, mode == StartMode.ON_DEMAND ? IDLE : STOPPED, now),
                List.of());
    }

    /** The transition function. */
    public static Step next(Component c, Event event, Instant now, RestartSchedule schedule) {
        List<Action> actions = new ArrayList<>();
        if (event instanceof Event.Start) {
            return start(c, now, actions);
        } else if (event instanceof Event.Stop) {
            return stop(c, AfterStop.STAY_STOPPED, now, actions);
        } else if (event instanceof Event.Restart) {
            return restart(c, now, actions);
        } else if (event instanceof Event.Spawned spawned) {
            return spawned(c, spawned, now, actions);
        } else if (event instanceof Event.Ready) {
            return ready(c, now, actions);
        } else if (event instanceof Event.Ended ended) {
            return ended(c, ended, now, schedule, actions);
        } else if (event instanceof Event.TimerFired fired) {
            return timerFired(c, fired, now, actions);
        } else if (event instanceof Event.Reconfigured change) {
            return reconfigured(c, change, now, actions);
        } else if (event instanceof Event.Removed) {
            return removed(c, now, actions);
        }
        throw new IllegalArgumentException("unknown event " + event);
    }

    private static Step start(Component c, Instant now, List<Action> actions) {
        switch (c.state()) {
            case STARTING:
            case RUNNING:
                return unchanged(c);
            case STOPPING:
                return new Step(c.withAfterStop(AfterStop.START_AGAIN), actions);
            default:
                return spawn(c, now, false, actions);
        }
    }

    private static Step restart(Component c, Instant now, List<Action> actions) {
        switch (c.state()) {
            case STARTING:
            case RUNNING:
                actions.add(new Action.Report(Level.INFO, c.who() + " is being restarted"));
                return stop(c, AfterStop.START_AGAIN, now, actions);
            case STOPPING:
                return new Step(c.withAfterStop(AfterStop.START_AGAIN), actions);
            default:
                return spawn(c, now, false, actions);
        }
    }

    private static Step stop(Component c, AfterStop after, Instant now, List<Action> actions) {
        switch (c.state()) {
            case STARTING:
            case RUNNING: {
                Component stopping = c.withState(STOPPING, now).withAfterStop(after);
                if (c.pid() == 0) {
                    // Its spawn is still under way: the signal goes out when the pid is known.
                    return new Step(stopping.withTimer(0), actions);
                }
                return new Step(terminate(stopping, actions), actions);
            }
            case STOPPING:
                return new Step(c.withAfterStop(after), actions);
            default:
                if (after == AfterStop.FORGET) {
                    actions.add(new Action.Forget());
                    return new Step(null, actions);
                }
                if (after == AfterStop.START_AGAIN) {
                    return spawn(c, now, false, actions);
                }
                if (c.state() == STOPPED) {
                    return unchanged(c);
                }
                return new Step(c.withState(STOPPED, now).withTimer(0), actions);
        }
    }

    /** SIGTERM to the process group and the stop timer; the component is already in {@code stopping}. */
    private static Component terminate(Component stopping, List<Action> actions) {
        long token = token(stopping, STOP_TIMER);
        actions.add(new Action.SignalGroup(stopping.pid(), Action.SIGTERM));
        actions.add(new Action.ArmTimer(token, stopping.supervision().stopTimeout()));
        return stopping.withTimer(token);
    }

    private static Step spawned(Component c, Event.Spawned spawned, Instant now, List<Action> actions) {
        if (spawned.launch() != c.launch() || c.pid() != 0) {
            return unchanged(c);
        }
        Component withPid = c.withPid(spawned.pid());
        if (c.state() == STOPPING) {
            return new Step(terminate(withPid, actions), actions);
        }
        if (c.state() != STARTING) {
            return unchanged(c);
        }
        if (c.supervision().readiness() == Readiness.NOTIFY) {
            long token = token(withPid, START_TIMER);
            actions.add(new Action.Report(Level.INFO, withPid.who() + " started; waiting for it to report ready"));
            actions.add(new Action.ArmTimer(token, c.supervision().startTimeout()));
            return new Step(withPid.withTimer(token), actions);
        }
        actions.add(new Action.Report(Level.INFO, withPid.who() + " started"));
        return new Step(withPid.withState(RUNNING, now), actions);
    }

    private static Step ready(Component c, Instant now, List<Action> actions) {
        if (c.state() != STARTING || c.pid() == 0) {
            return unchanged(c);
        }
        actions.add(new Action.Report(Level.INFO, c.who() + " is ready"));
        return new Step(c.withState(RUNNING, now).withTimer(0), actions);
    }

    private static Step ended(Component c, Event.Ended ended, Instant now, RestartSchedule schedule,
                              List<Action> actions) {
        if (ended.launch() != c.launch() || !c.state().hasProcess()) {
            return unchanged(c);
        }
        String how = c.who() + " " + ended.end().describe();
        Component gone = c.ended(ended.end());
        if (c.state() == STOPPING) {
            return afterStop(gone, how, now, schedule, actions);
        }
        ExitPolicy.Decision decision = ExitPolicy.decide(ended.end(), c.supervision().start());
        List<String> lines = decision.showLastLines() ? ended.lastLines() : List.of();
        String what = how + ": " + decision.meaning() + "; ";
        switch (decision.reaction()) {
            case RESTART_NOW:
                // The spawn before the record: logging wakes the log's writer thread, which on a busy machine
                // takes the CPU from the supervision loop for ~0.2 ms, and the successor need not wait for that.
                return spawn(gone, now, true, actions).then(new Action.Report(Level.INFO, what + "restarting it now",
                        lines));
            case RESTART_WITH_BACKOFF:
                return backoff(gone, what, lines, now, schedule, actions);
            case WAIT_FOR_LICENSE:
                actions.add(new Action.Report(Level.WARN,
                        what + "waiting for a license change (replace the license file, then reload)", lines));
                return new Step(gone.withState(WAITING_LICENSE, now), actions);
            case WAIT_FOR_CONFIG:
                actions.add(new Action.Report(Level.ERROR,
                        what + "waiting for a change of its configuration (fix it, then reload)", lines));
                return new Step(gone.withState(WAITING_CONFIG, now), actions);
            case GO_IDLE:
                actions.add(new Action.Report(Level.INFO, what + "idle until the next acquire", lines));
                return new Step(gone.withState(IDLE, now), actions);
            default:
                throw new IllegalStateException("unhandled reaction " + decision.reaction());
        }
    }

    private static Step afterStop(Component gone, String how, Instant now, RestartSchedule schedule,
                                  List<Action> actions) {
        switch (gone.afterStop()) {
            case START_AGAIN:
                actions.add(new Action.Report(Level.INFO, how + "; starting it again"));
                return spawn(gone, now, false, actions);
            case RESTART_WITH_BACKOFF:
                return backoff(gone, how + "; ", List.of(), now, schedule, actions);
            case FORGET:
                actions.add(new Action.Report(Level.INFO, how + "; it was removed from the configuration"));
                actions.add(new Action.Forget());
                return new Step(null, actions);
            default:
                actions.add(new Action.Report(Level.INFO, how + "; stopped"));
                return new Step(gone.withState(STOPPED, now), actions);
        }
    }

    private static Step backoff(Component gone, String what, List<String> lines, Instant now,
                                RestartSchedule schedule, List<Action> actions) {
        Duration delay = schedule.next(gone.backoff(), gone.startedAt(), now);
        long token = token(gone, BACKOFF_TIMER);
        actions.add(new Action.Report(Level.WARN,
                what + "restarting it in " + Durations.format(delay) + " (restart " + (gone.restarts() + 1) + ")",
                lines));
        actions.add(new Action.ArmTimer(token, delay));
        return new Step(gone.withState(BACKOFF, now).withBackoff(delay).withTimer(token), actions);
    }

    private static Step timerFired(Component c, Event.TimerFired fired, Instant now, List<Action> actions) {
        if (fired.token() == 0 || fired.token() != c.timer()) {
            return unchanged(c);
        }
        switch (c.state()) {
            case BACKOFF:
                return spawn(c, now, true, actions);
            case STARTING:
                actions.add(new Action.Report(Level.WARN, c.who() + " did not report ready within "
                        + Durations.format(c.supervision().startTimeout()) + "; stopping it to try again"));
                return stop(c, AfterStop.RESTART_WITH_BACKOFF, now, actions);
            case STOPPING:
                actions.add(new Action.Report(Level.WARN, c.who() + " did not stop within "
                        + Durations.format(c.supervision().stopTimeout())
                        + " of SIGTERM; sending SIGKILL to its process group"));
                actions.add(new Action.SignalGroup(c.pid(), Action.SIGKILL));
                return new Step(c.withTimer(0), actions);
            default:
                return unchanged(c);
        }
    }

    private static Step reconfigured(Component c, Event.Reconfigured change, Instant now, List<Action> actions) {
        StartMode oldMode = c.supervision().start();
        StartMode newMode = change.supervision().start();
        Component updated = c.withSupervision(change.supervision());
        if (newMode != oldMode) {
            Step step = startModeChanged(updated, newMode, now, actions);
            if (step != null) {
                return step;
            }
        }
        switch (updated.state()) {
            case STARTING:
            case RUNNING:
                if (change.processChanged()) {
                    actions.add(new Action.Report(Level.INFO,
                            updated.who() + ": its command, user or environment changed; restarting it"));
                    return stop(updated, AfterStop.START_AGAIN, now, actions);
                }
                // While its spawn is under way (no pid yet) it gets no SIGHUP: its fd 3 is served only once the pid
                // is known, so it reads the new settings, and a signal microseconds after its exec would kill it
                // before it could have installed a handler.
                if ((change.settingsChanged() || change.licenseChanged()) && updated.pid() > 0) {
                    actions.add(new Action.Report(Level.INFO, updated.who() + ": its "
                            + (change.settingsChanged() ? "settings" : "license") + " changed; sending SIGHUP"));
                    actions.add(new Action.SignalProcess(updated.pid(), Action.SIGHUP));
                    actions.add(new Action.SendReload());
                }
                return new Step(updated, actions);
            case WAITING_CONFIG:
                if (change.processChanged() || change.settingsChanged()) {
                    actions.add(new Action.Report(Level.INFO, updated.name()
                            + ": its configuration changed; starting it again"));
                    return spawn(updated, now, false, actions);
                }
                return new Step(updated, actions);
            case WAITING_LICENSE:
                if (change.licenseChanged()) {
                    actions.add(new Action.Report(Level.INFO, updated.name()
                            + ": the license changed; starting it again"));
                    return spawn(updated, now, false, actions);
                }
                return new Step(updated, actions);
            default:
                return new Step(updated, actions);
        }
    }

    /** A new start mode takes effect at once; null when the rest of the reconfiguration still applies. */
    private static Step startModeChanged(Component c, StartMode newMode, Instant now, List<Action> actions) {
        ComponentState state = c.state();
        if (newMode == StartMode.DISABLED && state != STOPPED) {
            actions.add(new Action.Report(Level.INFO, c.who() + " is now disabled; stopping it"));
            return stop(c, AfterStop.STAY_STOPPED, now, actions);
        }
        if (newMode == StartMode.ALWAYS && (state == STOPPED || state == IDLE)) {
            return spawn(c, now, false, actions);
        }
        if (newMode == StartMode.ON_DEMAND && state == STOPPED) {
            return new Step(c.withState(IDLE, now), actions);
        }
        return null;
    }

    private static Step removed(Component c, Instant now, List<Action> actions) {
        if (!c.state().hasProcess()) {
            actions.add(new Action.Report(Level.INFO, c.name() + " was removed from the configuration"));
        }
        return stop(c, AfterStop.FORGET, now, actions);
    }

    private static Step spawn(Component c, Instant now, boolean isRestart, List<Action> actions) {
        Component starting = c.launched(now, isRestart);
        actions.add(new Action.Spawn(starting.launch()));
        return new Step(starting, actions);
    }

    private static long token(Component c, int phase) {
        return c.launch() * 4 + phase;
    }

    private static Step unchanged(Component c) {
        return new Step(c, List.of());
    }
}
