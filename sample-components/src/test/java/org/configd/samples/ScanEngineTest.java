package org.configd.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.configd.sdk.Acquired;
import org.configd.sdk.Configd;
import org.configd.supervisor.e2e.CtlResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-demand engine: acquired (once, however many ask at the same time), serving, idle, acquired again. */
class ScanEngineTest {

    private static final int CLIENTS = 4;

    private static String scanEngine(Path endpoint) {
        return "scan-engine { command = " + SampleDaemon.command("scan-engine") + ", start = on-demand,"
                + " readiness = notify, idle-time-limit = 1500ms, start-timeout = 20s,"
                + " settings { endpoint = " + SampleDaemon.quote(endpoint)
                + ", signatures { demo-worm = \"configd demo worm\" } } }";
    }

    @Test
    void concurrentAcquiresStartOneProcessWhichServesThenLeavesWhenIdle(@TempDir Path dir) throws Exception {
        Path endpoint = dir.resolve("scan.sock");
        try (SampleDaemon configd = SampleDaemon.start(dir, scanEngine(endpoint))) {
            configd.await("scan-engine", "idle before anyone asks", s -> s.path("state").asText().equals("idle")
                    && s.path("pid").isNull());

            List<Acquired> acquired = acquireAtOnce(configd.runDir.resolve("info.sock"));

            long pid = acquired.get(0).pid();
            for (Acquired a : acquired) {
                assertEquals(pid, a.pid(), "every acquire answers the one process: " + acquired);
                assertEquals(Optional.of(endpoint.toString()), a.endpoint());
            }
            assertEquals(1, configd.componentLines("configd", "scan-engine \\(pid \\d+\\) started; waiting.*").size(),
                    configd.log());

            Path clean = Files.writeString(dir.resolve("clean.txt"), "nothing to see here");
            Path infected = Files.writeString(dir.resolve("infected.txt"), "hello from the configd demo worm!");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = ScanClient.run(List.of(clean.toString(), infected.toString()),
                    Map.of(Configd.ENV_RUN_DIR, configd.runDir.toString()), new PrintStream(out, true),
                    new PrintStream(err, true));
            assertEquals(1, status, err.toString(StandardCharsets.UTF_8));
            assertEquals(clean + ": OK\n" + infected + ": demo-worm FOUND\n", out.toString(StandardCharsets.UTF_8));

            configd.awaitExit("scan-engine", 103, "idle");
            configd.awaitLog("no work for 1500 ms (my idle-time-limit); exiting 103");
            assertTrue(Files.notExists(endpoint), "the engine removes its socket on the way out");

            CtlResult again = configd.ctl("acquire", "scan-engine");
            assertEquals(0, again.exit(), again::toString);
            assertNotEquals(pid, configd.awaitRunning("scan-engine"), "a new process after the idle exit");
        }
    }

    @Test
    void aRegularFileAtTheEndpointIsLeftAloneAndReportedAsBadConfiguration(@TempDir Path dir) throws Exception {
        Path endpoint = Files.writeString(dir.resolve("scan.sock"), "not a socket");
        try (SampleDaemon configd = SampleDaemon.start(dir, scanEngine(endpoint))) {
            CtlResult acquire = configd.ctl("acquire", "scan-engine");
            assertNotEquals(0, acquire.exit(), acquire::toString);
            configd.awaitExit("scan-engine", 102, "waiting-config");
            assertEquals(1, configd.componentLines("scan-engine", Pattern.quote("setting 'endpoint' is \"" + endpoint
                    + "\", but it must name a socket or nothing, and " + endpoint + " is a regular file; fix"
                    + " components.scan-engine.settings.endpoint in the configuration, then reload configd")).size(),
                    configd.log());
            assertEquals("not a socket", Files.readString(endpoint));
        }
    }

    /** {@value #CLIENTS} clients acquire at the same moment, each on its own info-socket connection. */
    private static List<Acquired> acquireAtOnce(Path infoSocket) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Acquired>> answers = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Callable<Acquired> client = () -> {
                    try (Configd info = Configd.connectTo(infoSocket, "scan-engine-test")) {
                        go.await();
                        return info.acquire("scan-engine", Duration.ofSeconds(30));
                    }
                };
                answers.add(pool.submit(client));
            }
            go.countDown();
            List<Acquired> acquired = new ArrayList<>();
            for (Future<Acquired> answer : answers) {
                acquired.add(answer.get(SampleDaemon.DEADLINE.toSeconds(), TimeUnit.SECONDS));
            }
            return acquired;
        } finally {
            pool.shutdownNow();
        }
    }
}
