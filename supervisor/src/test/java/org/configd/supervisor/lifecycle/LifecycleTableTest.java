package org.configd.supervisor.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.configd.supervisor.config.Readiness;
import org.configd.supervisor.config.StartMode;
import org.configd.supervisor.spawn.ProcessEnd;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every (state, event) pair of the component state machine, decided on purpose: the table below is the
 * specification, one row per state, one column per event; "gone" means the component was forgotten.
 */
class LifecycleTableTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Supervision ALWAYS = new Supervision(StartMode.ALWAYS, Readiness.NONE,
            Duration.ofSeconds(1), Duration.ofSeconds(5));
    static final Supervision ON_DEMAND = new Supervision(StartMode.ON_DEMAND, Readiness.NONE,
            Duration.ofSeconds(1), Duration.ofSeconds(5));

    static final String[] EVENTS = {
        "start", "stop", "restart", "spawned", "ready", "crash", "exit0", "timer", "settings", "process",
        "license", "removed"};

    // state          start     stop      restart   spawned   ready     crash     exit0     timer     settings  process   license   removed
    static final String TABLE = """
        stopped         starting  stopped   starting  stopped   stopped   stopped   stopped   stopped   stopped   stopped   stopped   gone
        starting        starting  stopping  stopping  running   starting  backoff   starting  starting  starting  stopping  starting  stopping
        running         running   stopping  stopping  running   running   backoff   starting  running   running   stopping  running   stopping
        stopping        stopping  stopping  stopping  stopping  stopping  stopped   stopped   stopping  stopping  stopping  stopping  stopping
        backoff         starting  stopped   starting  backoff   backoff   backoff   backoff   starting  backoff   backoff   backoff   gone
        waiting-license starting  stopped   starting  waiting-license waiting-license waiting-license waiting-license waiting-license waiting-license waiting-license starting gone
        waiting-config  starting  stopped   starting  waiting-config waiting-config waiting-config waiting-config waiting-config starting starting waiting-config gone
        idle            starting  stopped   starting  idle      idle      idle      idle      idle      idle      idle      idle      gone
        """;

    static final Map<String, Component> FIXTURES = fixtures();

    @TestFactory
    Stream<DynamicTest> everyStateAndEvent() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : TABLE.strip().split("\n")) {
            String[] cells = line.trim().split("\\s+");
            Component from = FIXTURES.get(cells[0]);
            for (int i = 0; i < EVENTS.length; i++) {
                String expected = cells[i + 1];
                String event = EVENTS[i];
                tests.add(DynamicTest.dynamicTest(cells[0] + " + " + event + " -> " + expected, () -> {
                    Lifecycle.Step step = Lifecycle.next(from, event(event, from), T0.plusSeconds(100),
                            RestartSchedule.DEFAULT);
                    if (expected.equals("gone")) {
                        assertNull(step.component(), "forgotten");
                        assertEquals(Action.Forget.class, step.actions().get(step.actions().size() - 1).getClass());
                    } else {
                        assertEquals(expected, step.component().state().wireName());
                    }
                }));
            }
        }
        return tests.stream();
    }

    static Event event(String name, Component c) {
        switch (name) {
            case "start": return new Event.Start();
            case "stop": return new Event.Stop();
            case "restart": return new Event.Restart();
            case "spawned": return new Event.Spawned(c.launch(), 200);
            case "ready": return new Event.Ready();
            case "crash": return new Event.Ended(c.launch(), new ProcessEnd.Exited(3), List.of());
            case "exit0": return new Event.Ended(c.launch(), new ProcessEnd.Exited(0), List.of());
            case "timer": return new Event.TimerFired(c.timer() == 0 ? 999 : c.timer());
            case "settings": return new Event.Reconfigured(false, true, false, c.supervision());
            case "process": return new Event.Reconfigured(true, false, false, c.supervision());
            case "license": return new Event.Reconfigured(false, false, true, c.supervision());
            case "removed": return new Event.Removed();
            default: throw new IllegalArgumentException(name);
        }
    }

    /** Each state reached the way it is reached in life, by events from a fresh component. */
    static Map<String, Component> fixtures() {
        Map<String, Component> m = new LinkedHashMap<>();
        Component starting = Lifecycle.added("c", ALWAYS, T0).component();
        Component running = apply(starting, c -> new Event.Spawned(c.launch(), 100));
        Component stopping = apply(running, c -> new Event.Stop());
        m.put("stopped", apply(stopping, c -> new Event.Ended(c.launch(), new ProcessEnd.Exited(0), List.of())));
        m.put("starting", starting);
        m.put("running", running);
        m.put("stopping", stopping);
        m.put("backoff", apply(running, c -> new Event.Ended(c.launch(), new ProcessEnd.Killed(11, true), List.of())));
        m.put("waiting-license", apply(running, c -> new Event.Ended(c.launch(), new ProcessEnd.Exited(101), List.of())));
        m.put("waiting-config", apply(running, c -> new Event.Ended(c.launch(), new ProcessEnd.Exited(102), List.of())));
        m.put("idle", Lifecycle.added("c", ON_DEMAND, T0).component());
        m.forEach((state, c) -> assertEquals(state, c.state().wireName(), "fixture " + state));
        return m;
    }

    static Component apply(Component c, Function<Component, Event> event) {
        return Lifecycle.next(c, event.apply(c), T0.plusSeconds(1), RestartSchedule.DEFAULT).component();
    }
}
