package org.configd.supervisor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Each row of the exit-code table, end to end: a real configd, real shell components that exit the way the
 * row says on their first runs (a counter file tells them which run they are in), and configctl.
 */
class ExitPolicyE2ETest extends E2ETest {

    /**
     * A component that records each start (pid and monotonic time in ns) in {@code <name>.starts} and then
     * exits with the n-th of {@code codes} on its n-th run ("kill" = SIGSEGV to itself), or keeps running
     * once the list is used up.
     */
    String component(String name, String extra, String... codes) {
        StringBuilder cases = new StringBuilder();
        for (int i = 0; i < codes.length; i++) {
            String action = codes[i].equals("segv") ? "kill -SEGV $$" : "exit " + codes[i];
            cases.append("  ").append(i + 1).append(") echo \"run $n ends: ").append(codes[i])
                    .append("\" >&2; ").append(action).append(" ;;\n");
        }
        bed.script(name + ".sh", """
                dir=%s
                echo "$$ $(cut -d' ' -f1 /proc/uptime)" >> "$dir/%s.starts"
                n=$(wc -l < "$dir/%s.starts")
                case $n in
                %s
                esac
                echo "run $n stays up" >&2
                exec sleep 1000
                """.formatted(bed.dir, name, name, cases));
        return name + " { command = [\"bin/" + name + ".sh\"]\n" + extra + " }\n";
    }

    List<Double> startTimes(String name) {
        List<Double> t = new ArrayList<>();
        for (String line : bed.lines(name + ".starts")) {
            t.add(Double.parseDouble(line.split(" ")[1]));
        }
        return t;
    }

    @Test
    void exitZeroRestartsAtOnceAndExitOneAndCrashesRestartWithGrowingDelays() throws Exception {
        bed.configure(component("clean", "", "0") + component("flaky", "", "1", "3", "segv"));
        try (RunningDaemon d = bed.start()) {
            Await.until(WAIT, () -> bed.lines("clean.starts").size() == 2 && bed.lines("flaky.starts").size() == 4,
                    () -> "clean to start twice and flaky four times; log:\n" + d.log());
            awaitState(d, "clean", "running");
            awaitState(d, "flaky", "running");

            JsonNode clean = Status.of(d, "clean");
            assertEquals(1, clean.path("restarts").asInt());
            assertEquals(0, clean.path("last-exit").path("code").asInt());
            assertTrue(d.log().contains("exited with code 0: new settings cannot be applied on the fly; restarting it now"));

            JsonNode flaky = Status.of(d, "flaky");
            assertEquals(3, flaky.path("restarts").asInt());
            assertEquals("SIGSEGV", flaky.path("last-exit").path("name").asText());
            List<Double> t = startTimes("flaky");
            double first = t.get(1) - t.get(0);
            double second = t.get(2) - t.get(1);
            double third = t.get(3) - t.get(2);
            // configd decided 100 ms, 200 ms, 400 ms, and waited at least that long each time (the rest is
            // spawning, which varies with load; /proc/uptime has 10 ms resolution).
            assertTrue(first >= 0.09 && second >= 0.19 && third >= 0.39,
                    "delays " + first + ", " + second + ", " + third);
            String log = d.log();
            assertTrue(log.contains("exited with code 1: cannot reach configd, or protocol error; restarting it in 100ms"),
                    log);
            assertTrue(log.contains("exited with code 3: crash; restarting it in 200ms"), log);
            assertTrue(log.contains("killed by SIGSEGV: crash; restarting it in 400ms")
                    || log.contains("killed by SIGSEGV (core dumped): crash; restarting it in 400ms"), log);
            assertTrue(d.log().contains("its last lines: \"run 1 ends: 1\""), "the crash record quotes stderr");
            assertTrue(d.log().contains("killed by SIGSEGV"), d.log());
        }
    }

    @Test
    void exit101WaitsForALicenseChangeAndExit102ForAConfigurationChange() throws Exception {
        bed.configure(component("gated", "", "101") + component("picky", "settings { level = 1 }", "102"));
        try (RunningDaemon d = bed.start()) {
            awaitState(d, "gated", "waiting-license");
            awaitState(d, "picky", "waiting-config");

            // A reload that changes nothing wakes neither of them.
            assertEquals(0, d.ctl("reload").exit());
            assertEquals("waiting-license", Status.state(d, "gated"));
            assertEquals("waiting-config", Status.state(d, "picky"));
            assertEquals(1, bed.lines("gated.starts").size());
            assertEquals(1, bed.lines("picky.starts").size());

            // A new license and SIGHUP: the license-waiting one comes back, the other still waits.
            bed.license("2099-12-31", "all", "report");
            d.signal("HUP");
            awaitState(d, "gated", "running");
            assertEquals("waiting-config", Status.state(d, "picky"));

            // Its configuration fixed and reloaded: it comes back too.
            bed.write("conf.d/fix.conf", "components.picky.settings.level = 2\n");
            d.signal("HUP");
            Await.until(WAIT, () -> bed.lines("picky.starts").size() == 2, "picky to start again");
            awaitState(d, "picky", "running");
            assertTrue(d.log().contains("exited with code 101: the license does not allow it to run; waiting for a license change"));
            assertTrue(d.log().contains("exited with code 102: its configuration is unusable; waiting for a change of its configuration"));
        }
    }

    @Test
    void exit103SendsAnOnDemandComponentIdleUntilTheNextAcquire() throws Exception {
        bed.configure(component("scan", "start = on-demand", "103"));
        try (RunningDaemon d = bed.start()) {
            assertEquals("idle", Status.state(d, "scan"));
            assertTrue(bed.lines("scan.starts").isEmpty(), "an on-demand component does not start by itself");
            CtlResult acquired = d.ctl("acquire", "scan");
            assertEquals(0, acquired.exit(), acquired.toString());
            Await.until(WAIT, () -> bed.lines("scan.starts").size() == 1, "the first start");
            awaitState(d, "scan", "idle");
            assertEquals(0, Status.of(d, "scan").path("restarts").asInt());
            assertTrue(d.log().contains("exited with code 103: idle time limit reached; idle until the next acquire"));

            assertEquals(0, d.ctl("acquire", "scan").exit());
            Await.until(WAIT, () -> bed.lines("scan.starts").size() == 2, "a second start");
            awaitState(d, "scan", "running");
        }
    }

    @Test
    void aCommandThatCannotBeSpawnedWaitsForItsConfigurationToChange() throws Exception {
        bed.configure("ghost { command = [\"bin/does-not-exist\"] }");
        try (RunningDaemon d = bed.start()) {
            awaitState(d, "ghost", "waiting-config");
            assertEquals("spawn-failed", Status.of(d, "ghost").path("last-exit").path("kind").asText());
            assertTrue(d.log().contains("does-not-exist"), d.log());
            bed.script("does-not-exist", "exec sleep 1000");
            bed.write("conf.d/fix.conf", "components.ghost.settings.fixed = true\n");
            d.signal("HUP");
            awaitState(d, "ghost", "running");
        }
    }
}
