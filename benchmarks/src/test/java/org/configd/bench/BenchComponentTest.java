package org.configd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.configd.bench.Stamps.Stamp;
import org.configd.supervisor.spawn.ProcessSignals;
import org.configd.supervisor.spawn.SignalNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What bench-component.c does for the comparison with runit and s6, on the real program: it waits for a
 * whole process tree (the end of a stop), and it runs as a service folder's ./run, its arguments read from the
 * folder, telling s6 it is ready, and, as a log writer beside a logger, writing to it burst after burst.
 */
class BenchComponentTest {

    private static final long ORPHAN_MS = 300;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int SIGUSR1 = SignalNames.number("USR1").orElseThrow();

    @TempDir
    static Path dir;
    private static Path program;

    @BeforeAll
    static void compile() throws Exception {
        program = Gcc.compile(dir, "bench-component");
    }

    @Test
    void treeModeStampsGoneOnlyWhenTheLastDescendantHasEnded() throws Exception {
        Path stamps = dir.resolve("tree-stamps");
        // The root exits at once and leaves an orphan behind, as runsvdir leaves its runsv processes.
        Process tree = new ProcessBuilder(program.toString(), stamps.toString(), "tree", "sh", "-c",
                "sleep " + ORPHAN_MS / 1000.0 + " & exit 0").redirectErrorStream(true).start();
        assertTrue(tree.waitFor(10, TimeUnit.SECONDS), "the tree did not end");
        assertEquals(0, tree.exitValue());
        List<Stamp> s = read(stamps);
        assertEquals(List.of("root-exit", "gone"), s.stream().map(Stamp::event).toList());
        assertTrue(s.get(1).nanos() - s.get(0).nanos() >= (ORPHAN_MS - 50) * 1_000_000,
                "gone was stamped before the orphan's sleep could have ended: " + s);
    }

    @Test
    void asAServiceFoldersRunItReadsItsArgumentsFromTheFolderAndNotifiesReadiness() throws Exception {
        Path service = Files.createDirectories(dir.resolve("scan").resolve("svc7"));
        Path stamps = dir.resolve("service-stamps");
        Files.createSymbolicLink(service.resolve("run"), program);
        Files.writeString(service.resolve("bench-args"), stamps + "\nexit-after\n0\n");
        Files.writeString(service.resolve("notification-fd"), "3\n");
        // As s6-supervise starts it: ./run with the service's name, the notification pipe on fd 3.
        Process run = new ProcessBuilder("sh", "-c", "exec ./run svc7 3>ready").directory(service.toFile())
                .redirectErrorStream(true).start();
        assertTrue(run.waitFor(10, TimeUnit.SECONDS), "the service did not end");
        assertEquals(0, run.exitValue(), new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        List<Stamp> s = read(stamps);
        assertEquals(List.of("start", "exit"), s.stream().map(Stamp::event).toList());
        assertEquals("svc7", s.get(0).name(), "the name is the folder's");
        assertEquals("\n", Files.readString(service.resolve("ready")), "readiness is one newline on fd 3");
    }

    @Test
    void aWriterInAServiceFolderWithALoggerWritesToStdoutAndWaitsForTheNextBurst() throws Exception {
        Path service = Files.createDirectories(dir.resolve("scan").resolve("w9"));
        Files.createDirectory(service.resolve("log"));
        Files.createSymbolicLink(service.resolve("run"), program);
        Path out = dir.resolve("w9.out");
        Path err = dir.resolve("w9.err");
        try (Stamps stamps = Stamps.open(dir.resolve("writer-stamps"))) {
            Files.writeString(service.resolve("bench-args"), stamps.path() + "\nwrite\n2\n");
            // As runsv starts it: ./run with no arguments, stdout on the pipe to the logger.
            Process run = new ProcessBuilder("./run").directory(service.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                for (int burst = 0; burst < 2; burst++) {
                    Stamp ready = stamps.next(Stamps.event("ready"), TIMEOUT, "the writer ready");
                    ProcessSignals.signalProcess(ready.pid(), SIGUSR1);
                    stamps.next(Stamps.event("done"), TIMEOUT, "the burst done");
                }
                stamps.next(Stamps.event("ready"), TIMEOUT, "the writer ready for a third burst");
                assertTrue(run.isAlive(), "a writer under a supervisor waits for the next burst");
            } finally {
                run.destroy();
                run.waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertEquals("w9 1 abcdefghijklmnopqrstuvwxyz\nw9 2 abcdefghijklmnopqrstuvwxyz\nw9 end-of-lines\n"
                + "w9 3 abcdefghijklmnopqrstuvwxyz\nw9 4 abcdefghijklmnopqrstuvwxyz\nw9 end-of-lines\n",
                Files.readString(out), "both bursts, numbered on, on stdout");
        assertEquals("", Files.readString(err), "nothing on stderr itself");
    }

    private static List<Stamp> read(Path stamps) throws IOException {
        return Files.readAllLines(stamps).stream().map(Stamp::parse).toList();
    }
}
