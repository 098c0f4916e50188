package org.configd.supervisor.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.configd.supervisor.config.Readiness;
import org.configd.supervisor.config.StartMode;
import org.configd.supervisor.spawn.ProcessEnd;
import org.junit.jupiter.api.Test;

/** The supervisor driven with a fake launcher and a fake clock, on the test thread. */
class SupervisorTest {

    static final Supervision ALWAYS = sup(StartMode.ALWAYS);
    static final Supervision ON_DEMAND = sup(StartMode.ON_DEMAND);

    static Supervision sup(StartMode mode) {
        return new Supervision(mode, Readiness.NONE, Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    final List<String> calls = new ArrayList<>();
    final List<Action.Report> reports = new ArrayList<>();
    final FakeTimers timers = new FakeTimers();
    final Map<String, Long> launches = new LinkedHashMap<>();
    int nextPid = 100;

    final Launcher launcher = new Launcher() {
        @Override
        public void launch(String name, long launch) {
            calls.add("launch " + name);
            launches.put(name, launch);
        }

        @Override
        public void signalGroup(int pid, int signal) {
            calls.add("group " + pid + " " + signal);
        }

        @Override
        public void signalProcess(int pid, int signal) {
            calls.add("process " + pid + " " + signal);
        }

        @Override
        public void sendReload(String name, long generation) {
            calls.add("reload " + name + " " + generation);
        }
    };

    final Supervisor supervisor = new Supervisor(Runnable::run, launcher, timers, reports::add);

    void configure(long generation, Map<String, Supervision> wanted, Set<String> process, Set<String> settings,
                   boolean license) {
        supervisor.reconfigure(generation, RestartSchedule.DEFAULT, wanted, process, settings, license);
    }

    int spawn(String name) {
        int pid = nextPid++;
        supervisor.spawned(name, launches.get(name), pid);
        return pid;
    }

    Component status(String name) {
        return supervisor.status().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void bootStartsAlwaysOnComponentsOnlyAndPublishesTheirStatus() {
        configure(1, Map.of("web", ALWAYS, "scan", ON_DEMAND, "off", sup(StartMode.DISABLED)), Set.of(), Set.of(),
                false);
        assertEquals(List.of("launch web"), calls);
        int pid = spawn("web");
        assertEquals(ComponentState.RUNNING, status("web").state());
        assertEquals(pid, status("web").pid());
        assertEquals(ComponentState.IDLE, status("scan").state());
        assertEquals(ComponentState.STOPPED, status("off").state());
    }

    @Test
    void aReloadSignalsExactlyTheComponentsWhoseSettingsChanged() {
        Map<String, Supervision> wanted = Map.of("a", ALWAYS, "b", ALWAYS, "c", ALWAYS);
        configure(1, wanted, Set.of(), Set.of(), false);
        int a = spawn("a");
        spawn("b");
        spawn("c");
        calls.clear();
        configure(2, wanted, Set.of(), Set.of("a"), false);
        assertEquals(List.of("process " + a + " 1", "reload a 2"), calls);
    }

    @Test
    void concurrentAcquiresStartTheComponentOnceAndAllCompleteWhenItRuns() throws Exception {
        configure(1, Map.of("scan", ON_DEMAND), Set.of(), Set.of(), false);
        CompletableFuture<Component> first = supervisor.acquire("scan");
        CompletableFuture<Component> second = supervisor.acquire("scan");
        assertEquals(List.of("launch scan"), calls);
        assertFalse(first.isDone());
        int pid = spawn("scan");
        assertEquals(pid, first.get().pid());
        assertEquals(pid, second.get().pid());
        assertEquals(pid, supervisor.acquire("scan").get().pid(), "a running component answers at once");
    }

    @Test
    void acquireRefusesWhatCannotBeAcquired() {
        configure(1, Map.of("web", ALWAYS), Set.of(), Set.of(), false);
        assertEquals("conflict", failure(supervisor.acquire("web")).code());
        assertEquals("not-found", failure(supervisor.acquire("nope")).code());
    }

    @Test
    void anAcquireIsRefusedWhenTheComponentCannotStart() {
        configure(1, Map.of("scan", ON_DEMAND), Set.of(), Set.of(), false);
        CompletableFuture<Component> pending = supervisor.acquire("scan");
        supervisor.ended("scan", launches.get("scan"), new ProcessEnd.Exited(101), List.of());
        SupervisorException e = failure(pending);
        assertTrue(e.getMessage().contains("license"), e.getMessage());
    }

    @Test
    void crashRestartsAfterTheBackoffDelayOnTheClock() {
        configure(1, Map.of("web", ALWAYS), Set.of(), Set.of(), false);
        spawn("web");
        supervisor.ended("web", launches.get("web"), new ProcessEnd.Killed(11, true), List.of("segfault"));
        assertEquals(ComponentState.BACKOFF, status("web").state());
        calls.clear();
        timers.advance(Duration.ofMillis(99));
        assertTrue(calls.isEmpty());
        timers.advance(Duration.ofMillis(1));
        assertEquals(List.of("launch web"), calls);
        assertEquals(List.of("segfault"), reports.get(reports.size() - 1).lastLines());
    }

    @Test
    void shutdownStopsEverythingInParallelAndCompletesWhenAllHaveEnded() {
        configure(1, Map.of("a", ALWAYS, "b", ALWAYS), Set.of(), Set.of(), false);
        int a = spawn("a");
        int b = spawn("b");
        calls.clear();
        CompletableFuture<Void> done = supervisor.shutdown();
        assertEquals(Set.of("group " + a + " 15", "group " + b + " 15"), Set.copyOf(calls));
        supervisor.ended("a", launches.get("a"), new ProcessEnd.Exited(0), List.of());
        assertFalse(done.isDone());
        timers.advance(Duration.ofSeconds(1));
        assertTrue(calls.contains("group " + b + " 9"), "b ignored SIGTERM and got SIGKILL: " + calls);
        supervisor.ended("b", launches.get("b"), new ProcessEnd.Killed(9, false), List.of());
        assertTrue(done.isDone());
        calls.clear();
        assertEquals("shutting-down", failure(supervisor.start("a")).code());
        assertTrue(calls.isEmpty());
    }

    @Test
    void shutdownSendsEverySigtermBeforeArmingAnyStopTimer() {
        Timers timed = new Timers() {
            @Override
            public java.time.Instant now() {
                return timers.now();
            }

            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                calls.add("timer " + delay.toMillis());
                return timers.schedule(delay, task);
            }
        };
        Supervisor s = new Supervisor(Runnable::run, launcher, timed, reports::add);
        Map<String, Supervision> three = new LinkedHashMap<>();
        three.put("a", ALWAYS);
        three.put("b", ALWAYS);
        three.put("c", ALWAYS);
        s.reconfigure(1, RestartSchedule.DEFAULT, three, Set.of(), Set.of(), false);
        List.of("a", "b", "c").forEach(name -> s.spawned(name, launches.get(name), 200 + name.charAt(0)));
        calls.clear();
        s.shutdown();
        assertEquals(List.of("group 297 15", "group 298 15", "group 299 15", "timer 1000", "timer 1000",
                "timer 1000"), calls);
        assertTrue(s.status().stream().allMatch(c -> c.state() == ComponentState.STOPPING), s.status().toString());
    }

    @Test
    void timersOfStoppedComponentsAreCancelled() {
        configure(1, Map.of("web", ALWAYS), Set.of(), Set.of(), false);
        spawn("web");
        supervisor.ended("web", launches.get("web"), new ProcessEnd.Exited(7), List.of());
        assertEquals(1, timers.live());
        supervisor.stop("web");
        assertEquals(0, timers.live());
    }

    static SupervisorException failure(CompletableFuture<?> f) {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, f::get);
        return (SupervisorException) e.getCause();
    }
}
