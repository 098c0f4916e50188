package org.configd.supervisor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Real components under a real configd: stop escalation, selective SIGHUP, parent death, descriptors, TMPDIR. */
class SupervisionE2ETest extends E2ETest {

    /**
     * Whether the process still runs. A zombie does not: it has died and waits for its parent to reap it, and once
     * configd is gone that parent is init, which may take its time (ProcessHandle.isAlive counts zombies as alive).
     */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) S ...": the name may hold spaces and parentheses, the state follows the last ')'. The file
            // reads empty while the process is being reaped.
            int close = stat.lastIndexOf(')');
            return close > 0 && stat.charAt(close + 2) != 'Z';
        } catch (IOException e) {
            return false; // no such process any more
        }
    }

    long awaitPid(String file) {
        Await.until(WAIT, () -> !bed.lines(file).isEmpty(), file + " to be written");
        return Long.parseLong(bed.lines(file).get(0).trim());
    }

    /**
     * The pid the component wrote to {@code file}, once configd knows it too. A process runs before its spawn has
     * told configd its pid; a reload in between sends it no SIGHUP, since it reads its settings only after that.
     */
    long awaitKnownPid(RunningDaemon d, String name, String file) {
        long pid = awaitPid(file);
        Await.until(WAIT, () -> Status.of(d, name).path("pid").asLong() == pid, () -> "configd to know " + name
                + "'s pid " + pid + "; log:\n" + d.log());
        return pid;
    }

    @Test
    void aChildIgnoringSigtermIsKilledWhenItsStopTimeoutRunsOutAndItsGrandchildDiesWithIt() throws Exception {
        bed.script("stubborn.sh", """
                trap '' TERM
                sleep 1000 &
                echo $! > %s/grandchild.pid
                echo $$ > %s/child.pid
                while :; do sleep 1; done
                """.formatted(bed.dir, bed.dir));
        bed.configure("stubborn { command = [\"bin/stubborn.sh\"], stop-timeout = 1s }");
        try (RunningDaemon d = bed.start()) {
            long child = awaitPid("child.pid");
            long grandchild = awaitPid("grandchild.pid");
            long t0 = System.nanoTime();
            CtlResult stop = d.ctl("stop", "stubborn");
            assertEquals(0, stop.exit(), stop.toString());
            Await.until(WAIT, () -> !alive(child), "the child to die");
            long waited = System.nanoTime() - t0;
            awaitState(d, "stubborn", "stopped");
            assertTrue(waited >= Duration.ofMillis(1000).toNanos(),
                    "SIGKILL only after the 1 s stop timeout, but the child died after " + waited / 1_000_000 + " ms");
            Await.until(Duration.ofSeconds(2), () -> !alive(grandchild), "the grandchild to die with it");
            assertTrue(d.log().contains("did not stop within 1s of SIGTERM; sending SIGKILL to its process group"),
                    d.log());
            assertEquals("SIGKILL", Status.of(d, "stubborn").path("last-exit").path("name").asText());
        }
    }

    @Test
    void sighupAfterASettingsChangeSignalsExactlyThatComponent() throws Exception {
        String body = """
                trap 'echo hup >> %s/$CONFIGD_COMPONENT.hups' HUP
                echo $$ > %s/$CONFIGD_COMPONENT.pid
                while :; do sleep 1 & wait $!; done
                """.formatted(bed.dir, bed.dir);
        bed.script("listener.sh", body);
        bed.configure("""
                a { command = ["bin/listener.sh"], settings { colour = red } }
                b { command = ["bin/listener.sh"], settings { colour = red } }
                c { command = ["bin/listener.sh"], settings { colour = red } }
                """);
        try (RunningDaemon d = bed.start()) {
            awaitKnownPid(d, "a", "a.pid");
            awaitKnownPid(d, "b", "b.pid");
            awaitKnownPid(d, "c", "c.pid");
            bed.write("conf.d/a.conf", "components.a.settings.colour = blue\n");
            d.signal("HUP");
            Await.until(WAIT, () -> bed.lines("a.hups").size() == 1, () -> "a to get SIGHUP; log:\n" + d.log());

            // A second reload that concerns only b is a barrier: when b has its SIGHUP, any stray signal of the
            // first reload would have arrived long before.
            bed.write("conf.d/b.conf", "components.b.settings.colour = green\n");
            d.signal("HUP");
            Await.until(WAIT, () -> bed.lines("b.hups").size() == 1, "b to get SIGHUP");
            assertEquals(1, bed.lines("a.hups").size(), "a got one SIGHUP, for its own change");
            assertTrue(bed.lines("c.hups").isEmpty(), "c's settings never changed");
            assertEquals(0, Status.of(d, "a").path("restarts").asInt());
            assertEquals(3, Status.parse(d.ctl("--json", "ping").out()).path("generation").asInt());
        }
    }

    @Test
    void aComponentWithoutSighupHandlerIsRestartedAtOnceAndNotCountedAsACrash() throws Exception {
        bed.script("plain.sh", """
                echo $$ >> %s/plain.pids
                exec sleep 1000
                """.formatted(bed.dir));
        bed.configure("plain { command = [\"bin/plain.sh\"], settings { x = 1 } }");
        try (RunningDaemon d = bed.start()) {
            awaitKnownPid(d, "plain", "plain.pids");
            bed.write("conf.d/x.conf", "components.plain.settings.x = 2\n");
            d.signal("HUP");
            Await.until(WAIT, () -> bed.lines("plain.pids").size() == 2, () -> "a restart; log:\n" + d.log());
            awaitState(d, "plain", "running");
            JsonNode s = Status.of(d, "plain");
            assertEquals("SIGHUP", s.path("last-exit").path("name").asText());
            assertEquals(1, s.path("restarts").asInt());
            assertTrue(d.log().contains("killed by SIGHUP: it has no SIGHUP handler, so it reloads by restarting; restarting it now"),
                    d.log());
            assertFalse(d.log().contains("restarting it in"), "no backoff");
        }
    }

    @Test
    void sigkillOfConfigdLeavesNoComponentAliveAfterTwoSeconds() throws Exception {
        bed.script("stay.sh", "trap '' TERM HUP\necho $$ > " + bed.dir + "/$CONFIGD_COMPONENT.pid\nexec sleep 1000");
        bed.configure("""
                one { command = ["bin/stay.sh"] }
                two { command = ["bin/stay.sh"] }
                """);
        RunningDaemon d = bed.start();
        long one = awaitPid("one.pid");
        long two = awaitPid("two.pid");
        assertTrue(alive(one) && alive(two));
        d.signal("KILL");
        Await.until(Duration.ofSeconds(2), () -> !alive(one) && !alive(two), "both components to die with configd");
        d.process.waitFor();
    }

    @Test
    void aChildSeesExactlyFdsZeroToThreeAndNoBlockedOrIgnoredSignals() throws Exception {
        // Observed from outside, so that nothing the observer opens itself is counted.
        bed.configure("inspect { command = [\"/bin/sleep\", \"1000\"] }");
        try (RunningDaemon d = bed.start()) {
            awaitState(d, "inspect", "running");
            Path proc = Path.of("/proc", Status.of(d, "inspect").path("pid").asText());
            try (var fds = Files.list(proc.resolve("fd"))) {
                assertEquals(List.of("0", "1", "2", "3"), fds.map(p -> p.getFileName().toString()).sorted().toList());
            }
            assertEquals("/dev/null", Files.readSymbolicLink(proc.resolve("fd/0")).toString());
            assertTrue(Files.readSymbolicLink(proc.resolve("fd/2")).toString().startsWith("pipe:"));
            assertTrue(Files.readSymbolicLink(proc.resolve("fd/3")).toString().startsWith("socket:"));
            List<String> signals = Files.readAllLines(proc.resolve("status")).stream()
                    .filter(l -> l.startsWith("SigBlk") || l.startsWith("SigIgn")).toList();
            assertEquals(List.of("SigBlk:\t0000000000000000", "SigIgn:\t0000000000000000"), signals);
        }
    }

    @Test
    void aSymlinkPlantedInTheTmpdirIsRemovedAsALinkAndItsTargetSurvives() throws Exception {
        Path outside = bed.write("precious/data.txt", "keep me");
        bed.script("planter.sh", """
                echo "$TMPDIR" > %s/tmpdir
                ln -s %s "$TMPDIR/link-to-file"
                ln -s %s "$TMPDIR/link-to-dir"
                mkdir -p "$TMPDIR/sub/deeper" && echo x > "$TMPDIR/sub/deeper/f"
                exit 103
                """.formatted(bed.dir, outside, outside.getParent()));
        bed.configure("planter { command = [\"bin/planter.sh\"], start = on-demand }");
        try (RunningDaemon d = bed.start()) {
            assertEquals(0, d.ctl("acquire", "planter").exit());
            awaitState(d, "planter", "idle");
            Path tmp = Path.of(bed.lines("tmpdir").get(0));
            assertTrue(tmp.startsWith(bed.runDir.resolve("tmp")), tmp.toString());
            Await.until(WAIT, () -> !Files.exists(tmp, java.nio.file.LinkOption.NOFOLLOW_LINKS), "the TMPDIR to go");
            Await.until(WAIT, () -> count(bed.runDir.resolve("tmp")) == 0, "its retired copy to be removed too");
            assertEquals("keep me", Files.readString(outside));
            assertTrue(Files.exists(outside.getParent()), "the linked directory survives");
        }
    }

    @Test
    void aShutdownLeavesNoTmpdirBehindAndFollowsNoSymlink() throws Exception {
        Path outside = bed.write("precious/data.txt", "keep me");
        bed.script("holder.sh", """
                ln -s %s "$TMPDIR/link-to-dir"
                mkdir -p "$TMPDIR/sub" && echo x > "$TMPDIR/sub/f"
                echo "$TMPDIR" >> %s/tmpdirs
                exec sleep 1000
                """.formatted(outside.getParent(), bed.dir));
        bed.configure("""
                a { command = ["bin/holder.sh"] }
                b { command = ["bin/holder.sh"] }
                c { command = ["bin/holder.sh"] }
                """);
        RunningDaemon d = bed.start();
        try {
            Await.until(WAIT, () -> bed.lines("tmpdirs").size() == 3, "three components to fill their TMPDIRs");
            assertEquals(0, d.stop());
            assertFalse(Files.exists(bed.runDir.resolve("tmp"), java.nio.file.LinkOption.NOFOLLOW_LINKS),
                    "the run directory's tmp/ is gone once configd has exited");
            assertEquals("keep me", Files.readString(outside));
        } finally {
            d.close();
        }
    }

    @Test
    void statusShowsStateRestartsAndLastExitAndStartStopRestartWork() throws Exception {
        bed.script("svc.sh", "echo $$ >> " + bed.dir + "/svc.pids\nexec sleep 1000");
        bed.configure("svc { command = [\"bin/svc.sh\"] }");
        try (RunningDaemon d = bed.start()) {
            awaitState(d, "svc", "running");
            CtlResult status = d.ctl("status");
            assertEquals(0, status.exit());
            assertTrue(status.out().matches("(?s).*svc\\s+running\\s+\\d+\\s+\\d+s\\s+0\\s+-.*"), status.out());

            assertEquals(0, d.ctl("stop", "svc").exit());
            awaitState(d, "svc", "stopped");
            assertEquals(0, d.ctl("start", "svc").exit());
            awaitState(d, "svc", "running");
            long pid = Status.of(d, "svc").path("pid").asLong();
            assertEquals(0, d.ctl("restart", "svc").exit());
            Await.until(WAIT, () -> Status.of(d, "svc").path("pid").asLong() != pid
                    && Status.state(d, "svc").equals("running"), "a new process");
            Await.until(WAIT, () -> bed.lines("svc.pids").size() == 3, "three starts in all");
            assertEquals("SIGTERM", Status.of(d, "svc").path("last-exit").path("name").asText());
            CtlResult unknown = d.ctl("stop", "nope");
            assertEquals(1, unknown.exit());
            assertTrue(unknown.err().contains("there is no component named 'nope'"), unknown.err());
        }
    }

    static long count(Path dir) {
        try (var s = Files.list(dir)) {
            return s.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static long lowest(Path dir) {
        long low = Long.MAX_VALUE;
        long end = System.nanoTime() + Duration.ofMillis(300).toNanos();
        while (System.nanoTime() < end) {
            low = Math.min(low, count(dir));
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        return low;
    }

    @Test
    void aThousandQuickCrashRestartsLeaveConfigdsDescriptorsAndThreadsWhereTheyStarted() throws Exception {
        bed.script("crasher.sh", "exit 3");
        bed.configure("restart { initial-delay = 1ms, max-delay = 1ms }",
                "crasher { command = [\"bin/crasher.sh\"] }");
        try (RunningDaemon d = bed.start()) {
            Path proc = Path.of("/proc", Long.toString(d.pid()));
            Await.until(WAIT, () -> Status.of(d, "crasher").path("restarts").asInt() >= 20, "a warm-up");
            d.ctl("stop", "crasher");
            awaitState(d, "crasher", "stopped");
            // configctl's own connections close asynchronously on configd's side: take the lowest count seen.
            long fds = lowest(proc.resolve("fd"));
            long threads = lowest(proc.resolve("task"));

            d.ctl("start", "crasher");
            Await.until(Duration.ofSeconds(60), () -> Status.of(d, "crasher").path("restarts").asInt() >= 1020,
                    () -> "1000 more restarts; at " + Status.of(d, "crasher").path("restarts"));
            d.ctl("stop", "crasher");
            awaitState(d, "crasher", "stopped");
            Await.until(Duration.ofSeconds(5), () -> count(proc.resolve("fd")) <= fds,
                    () -> "configd's descriptors to return to " + fds + "; they are " + count(proc.resolve("fd")));
            Await.until(Duration.ofSeconds(5), () -> count(proc.resolve("task")) <= threads,
                    () -> "configd's threads to return to " + threads + "; they are " + count(proc.resolve("task")));
        }
    }

    @Test
    void aComponentRunsAsItsUserWithAPrivateTmpdirItOwns() throws Exception {
        Path out = bed.dir.resolve("out");
        Files.createDirectories(out);
        Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        bed.script("whoami.sh", """
                echo "$(id -u) $(id -g) $(stat -c '%%u %%a' "$TMPDIR")" > %s/ids.tmp
                mv %s/ids.tmp %s/ids
                exec sleep 1000
                """.formatted(out, out, out));
        bed.configure("who { command = [\"bin/whoami.sh\"], user = nobody, group = nogroup }");
        try (RunningDaemon d = bed.start()) {
            Await.until(WAIT, () -> !bed.lines("out/ids").isEmpty(), () -> "the component's report; log:\n" + d.log());
            assertEquals("65534 65534 65534 700", bed.lines("out/ids").get(0));
        }
    }

    @Test
    void shutdownStopsEveryComponentInParallel() throws Exception {
        bed.script("stubborn.sh", "trap '' TERM\nexec sleep 1000");
        bed.configure("""
                s1 { command = ["bin/stubborn.sh"] }
                s2 { command = ["bin/stubborn.sh"] }
                s3 { command = ["bin/stubborn.sh"] }
                """);
        RunningDaemon d = bed.start();
        for (String s : List.of("s1", "s2", "s3")) {
            awaitState(d, s, "running");
        }
        long t0 = System.nanoTime();
        assertEquals(0, d.stop());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // Each ignores SIGTERM for its whole 1 s stop timeout: one after the other would take 3 s.
        assertTrue(ms < 2800, "shutdown took " + ms + " ms");
        String log = d.log();
        for (String s : List.of("s1", "s2", "s3")) {
            assertTrue(log.contains(s + " (pid") && log.contains("sending SIGKILL to its process group"), log);
        }
        assertTrue(log.contains("configd stopped"));
    }
}
