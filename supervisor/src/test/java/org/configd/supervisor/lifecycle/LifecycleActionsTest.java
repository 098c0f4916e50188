package org.configd.supervisor.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.configd.supervisor.config.Readiness;
import org.configd.supervisor.config.StartMode;
import org.configd.supervisor.spawn.ProcessEnd;
import org.junit.jupiter.api.Test;

/** What the machine asks for along the paths that matter: backoff, escalation, reload signals, readiness. */
class LifecycleActionsTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final RestartSchedule SCHEDULE =
            new RestartSchedule(Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(60));
    static final Supervision ALWAYS = new Supervision(StartMode.ALWAYS, Readiness.NONE,
            Duration.ofSeconds(1), Duration.ofSeconds(5));

    Instant now = T0;
    List<Action> actions = new ArrayList<>();

    Component step(Component c, Event e) {
        Lifecycle.Step s = Lifecycle.next(c, e, now, SCHEDULE);
        actions = new ArrayList<>(s.actions());
        return s.component();
    }

    Component running(Supervision sup) {
        Lifecycle.Step s = Lifecycle.added("svc", sup, now);
        assertEquals(List.of(new Action.Spawn(1)), s.actions());
        return step(s.component(), new Event.Spawned(1, 100));
    }

    <T extends Action> List<T> only(Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void crashRestartsGrowFromInitialDelayToTheCapAndResetAfterAStableRun() {
        Component c = running(ALWAYS);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            now = now.plusMillis(10);
            c = step(c, new Event.Ended(c.launch(), new ProcessEnd.Exited(1), List.of("boom")));
            assertEquals(ComponentState.BACKOFF, c.state());
            Action.ArmTimer timer = only(Action.ArmTimer.class).get(0);
            delays.add(timer.delay().toMillis());
            c = step(c, new Event.TimerFired(timer.token()));
            assertEquals(List.of(new Action.Spawn(c.launch())), actions);
            c = step(c, new Event.Spawned(c.launch(), 200 + i));
        }
        assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L), delays);
        assertEquals(6, c.restarts());

        now = now.plusSeconds(61);
        c = step(c, new Event.Ended(c.launch(), new ProcessEnd.Killed(11, false), List.of()));
        assertEquals(100, only(Action.ArmTimer.class).get(0).delay().toMillis(), "reset after a stable run");
    }

    @Test
    void exitOneReportsTheLastLinesAndExitZeroRestartsAtOnce() {
        Component c = running(ALWAYS);
        c = step(c, new Event.Ended(1, new ProcessEnd.Exited(1), List.of("cannot connect", "giving up")));
        assertEquals(List.of("cannot connect", "giving up"), only(Action.Report.class).get(0).lastLines());

        Component d = running(ALWAYS);
        d = step(d, new Event.Ended(1, new ProcessEnd.Exited(0), List.of("bye")));
        assertEquals(ComponentState.STARTING, d.state());
        assertEquals(new Action.Spawn(2), actions.get(0), "the successor is spawned before its record is logged");
        assertEquals(Action.Report.class, actions.get(1).getClass());
        assertEquals(1, d.restarts());
        assertTrue(only(Action.Report.class).get(0).lastLines().isEmpty());
    }

    @Test
    void deathBySighupRestartsAtOnceAndCountsAsARestart() {
        Component c = running(ALWAYS);
        c = step(c, new Event.Ended(1, new ProcessEnd.Killed(1, false), List.of()));
        assertEquals(ComponentState.STARTING, c.state());
        assertEquals(1, c.restarts());
        assertTrue(only(Action.ArmTimer.class).isEmpty(), "no backoff");
    }

    @Test
    void stopSendsSigtermToTheGroupThenSigkillWhenTheStopTimeoutRunsOut() {
        Component c = running(ALWAYS);
        c = step(c, new Event.Stop());
        assertEquals(List.of(new Action.SignalGroup(100, Action.SIGTERM)), only(Action.SignalGroup.class));
        Action.ArmTimer timer = only(Action.ArmTimer.class).get(0);
        assertEquals(Duration.ofSeconds(1), timer.delay());
        c = step(c, new Event.TimerFired(timer.token()));
        assertEquals(List.of(new Action.SignalGroup(100, Action.SIGKILL)), only(Action.SignalGroup.class));
        c = step(c, new Event.Ended(1, new ProcessEnd.Killed(9, false), List.of()));
        assertEquals(ComponentState.STOPPED, c.state());
        assertTrue(only(Action.Spawn.class).isEmpty(), "an asked-for stop is never restarted");
    }

    @Test
    void aStopRequestedWhileTheSpawnIsUnderWayIsSentOnceThePidIsKnown() {
        Component c = Lifecycle.added("svc", ALWAYS, now).component();
        c = step(c, new Event.Stop());
        assertTrue(only(Action.SignalGroup.class).isEmpty());
        c = step(c, new Event.Spawned(1, 300));
        assertEquals(List.of(new Action.SignalGroup(300, Action.SIGTERM)), only(Action.SignalGroup.class));
        assertEquals(ComponentState.STOPPING, c.state());
    }

    @Test
    void settingsAndLicenseChangedTogetherGiveExactlyOneSighupAndOneReloadEvent() {
        Component c = running(ALWAYS);
        c = step(c, new Event.Reconfigured(false, true, true, ALWAYS));
        assertEquals(List.of(new Action.SignalProcess(100, Action.SIGHUP)), only(Action.SignalProcess.class));
        assertEquals(1, only(Action.SendReload.class).size());
        assertEquals(ComponentState.RUNNING, c.state());
    }

    @Test
    void aSettingsChangeWhileTheSpawnIsUnderWaySendsNoSighupThenOrOnceThePidIsKnown() {
        Component c = Lifecycle.added("svc", ALWAYS, now).component();
        c = step(c, new Event.Reconfigured(false, true, true, ALWAYS));
        assertTrue(actions.isEmpty(), "no pid to signal yet: " + actions);
        c = step(c, new Event.Spawned(1, 300));
        assertTrue(only(Action.SignalProcess.class).isEmpty(), "it reads the new settings once its fd 3 is served");
        assertEquals(ComponentState.RUNNING, c.state());
    }

    @Test
    void aProcessChangeRestartsWithoutSighup() {
        Component c = running(ALWAYS);
        c = step(c, new Event.Reconfigured(true, true, false, ALWAYS));
        assertTrue(only(Action.SignalProcess.class).isEmpty());
        assertEquals(ComponentState.STOPPING, c.state());
        c = step(c, new Event.Ended(1, new ProcessEnd.Exited(0), List.of()));
        assertEquals(new Action.Spawn(2), only(Action.Spawn.class).get(0));
        assertEquals(0, c.restarts(), "a restart asked for by a reload is not counted as the component's own");
    }

    @Test
    void eventsOfAnOlderProcessAndStaleTimersAreIgnored() {
        Component c = running(ALWAYS);
        c = step(c, new Event.Ended(1, new ProcessEnd.Exited(0), List.of()));   // launch 2 now starting
        Component before = c;
        c = step(c, new Event.Ended(1, new ProcessEnd.Exited(3), List.of()));
        assertEquals(before, c);
        assertTrue(actions.isEmpty());
        c = step(c, new Event.TimerFired(4 + 3));
        assertEquals(before, c);
    }

    @Test
    void notifyReadinessWaitsForReadyAndRetriesWhenItNeverComes() {
        Supervision notify = new Supervision(StartMode.ALWAYS, Readiness.NOTIFY, Duration.ofSeconds(1),
                Duration.ofSeconds(5));
        Component c = running(notify);
        assertEquals(ComponentState.STARTING, c.state());
        Action.ArmTimer startTimer = only(Action.ArmTimer.class).get(0);
        assertEquals(Duration.ofSeconds(5), startTimer.delay());

        Component ready = step(c, new Event.Ready());
        assertEquals(ComponentState.RUNNING, ready.state());
        assertEquals(0, ready.timer());

        c = step(c, new Event.TimerFired(startTimer.token()));
        assertEquals(ComponentState.STOPPING, c.state());
        c = step(c, new Event.Ended(1, new ProcessEnd.Exited(143), List.of()));
        assertEquals(ComponentState.BACKOFF, c.state());
    }

    @Test
    void idleExitIsIdleForOnDemandAndACrashForAlwaysOn() {
        Supervision onDemand = new Supervision(StartMode.ON_DEMAND, Readiness.NONE, Duration.ofSeconds(1),
                Duration.ofSeconds(5));
        Component c = Lifecycle.added("scan", onDemand, now).component();
        assertEquals(ComponentState.IDLE, c.state());
        c = step(c, new Event.Start());
        c = step(c, new Event.Spawned(c.launch(), 400));
        c = step(c, new Event.Ended(c.launch(), new ProcessEnd.Exited(103), List.of()));
        assertEquals(ComponentState.IDLE, c.state());

        Component d = running(ALWAYS);
        d = step(d, new Event.Ended(1, new ProcessEnd.Exited(103), List.of()));
        assertEquals(ComponentState.BACKOFF, d.state());
    }

    @Test
    void aComponentRemovedWhileRunningIsStoppedAndThenForgotten() {
        Component c = running(ALWAYS);
        c = step(c, new Event.Removed());
        assertEquals(ComponentState.STOPPING, c.state());
        c = step(c, new Event.Ended(1, new ProcessEnd.Exited(0), List.of()));
        assertNull(c);
        assertEquals(new Action.Forget(), actions.get(actions.size() - 1));
    }

    @Test
    void disablingARunningComponentStopsItAndEnablingStartsIt() {
        Component c = running(ALWAYS);
        Supervision disabled = new Supervision(StartMode.DISABLED, Readiness.NONE, Duration.ofSeconds(1),
                Duration.ofSeconds(5));
        c = step(c, new Event.Reconfigured(false, false, false, disabled));
        assertEquals(ComponentState.STOPPING, c.state());
        c = step(c, new Event.Ended(1, new ProcessEnd.Exited(0), List.of()));
        assertEquals(ComponentState.STOPPED, c.state());
        c = step(c, new Event.Reconfigured(false, false, false, ALWAYS));
        assertEquals(ComponentState.STARTING, c.state());
    }

    @Test
    void aSpawnFailureWaitsForAConfigurationChange() {
        Component c = Lifecycle.added("svc", ALWAYS, now).component();
        c = step(c, new Event.Ended(1, new ProcessEnd.SpawnFailed(2, "/opt/x: No such file or directory"),
                List.of()));
        assertEquals(ComponentState.WAITING_CONFIG, c.state());
        assertTrue(only(Action.Report.class).get(0).message().contains("No such file"));
    }
}
