package org.configd.bench.micro;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.configd.supervisor.config.Readiness;
import org.configd.supervisor.config.StartMode;
import org.configd.supervisor.lifecycle.Component;
import org.configd.supervisor.lifecycle.Event;
import org.configd.supervisor.lifecycle.ExitPolicy;
import org.configd.supervisor.lifecycle.Lifecycle;
import org.configd.supervisor.lifecycle.RestartSchedule;
import org.configd.supervisor.lifecycle.Supervision;
import org.configd.supervisor.spawn.ProcessEnd;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The supervision loop's decision when a process ends: the exit-policy table alone, and the whole transition of
 * the state machine (decision, log message, next state, spawn or timer action) for an exit 0 and a crash.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ExitPolicyBenchmarks {

    private final ProcessEnd clean = new ProcessEnd.Exited(0);
    private final ProcessEnd killed = new ProcessEnd.Killed(9, false);
    private final Instant now = Instant.parse("2026-11-21T09:00:00Z");
    private Component running;
    private Event cleanExit;
    private Event crash;

    @Setup
    public void setup() {
        Supervision supervision = new Supervision(StartMode.ALWAYS, Readiness.NONE, Duration.ofSeconds(30),
                Duration.ofSeconds(30));
        Component starting = Lifecycle.added("scan-engine", supervision, now).component();
        running = Lifecycle.next(starting, new Event.Spawned(starting.launch(), 4711), now, RestartSchedule.DEFAULT)
                .component();
        cleanExit = new Event.Ended(running.launch(), clean, List.of());
        crash = new Event.Ended(running.launch(), killed, List.of("last words"));
    }

    @Benchmark
    public ExitPolicy.Decision decideCleanExit() {
        return ExitPolicy.decide(clean, StartMode.ALWAYS);
    }

    @Benchmark
    public ExitPolicy.Decision decideCrash() {
        return ExitPolicy.decide(killed, StartMode.ALWAYS);
    }

    @Benchmark
    public Lifecycle.Step transitionAfterCleanExit() {
        return Lifecycle.next(running, cleanExit, now, RestartSchedule.DEFAULT);
    }

    @Benchmark
    public Lifecycle.Step transitionAfterCrash() {
        return Lifecycle.next(running, crash, now, RestartSchedule.DEFAULT);
    }
}
