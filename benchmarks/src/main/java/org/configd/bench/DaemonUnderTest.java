package org.configd.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.configd.supervisor.spawn.PosixException;
import org.configd.supervisor.spawn.ProcessSignals;
import org.configd.supervisor.spawn.SignalNames;

/**
 * A real configd started through bin/configd, its console in the bed. The moment of launch is read just before
 * the process is created, so every figure "from launching configd" includes the launcher script and the JVM.
 */
public final class DaemonUnderTest implements Supervision {

    private static final Duration STOP_DEADLINE = Duration.ofSeconds(60);

    private final Process process;
    private final long launchedAt;
    private final Bed bed;

    private DaemonUnderTest(Process process, long launchedAt, Bed bed) {
        this.process = process;
        this.launchedAt = launchedAt;
        this.bed = bed;
    }

    static DaemonUnderTest launch(Installation installation, Bed bed) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(installation.configd().toString(), "-c", bed.config.toString());
        pb.environment().putAll(installation.environment());
        pb.redirectErrorStream(true).redirectOutput(bed.console.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        long t0 = System.nanoTime();
        return new DaemonUnderTest(pb.start(), t0, bed);
    }

    /** {@link System#nanoTime()} just before the process was created. */
    @Override
    public long launchedAt() {
        return launchedAt;
    }

    /** configd's pid: bin/configd execs the JVM, so the launcher's pid is the JVM's. */
    public int pid() {
        return (int) process.pid();
    }

    public Path infoSocket() {
        return bed.runDir.resolve("info.sock");
    }

    /**
     * Polls the info socket until {@code hello} is answered; returns {@link System#nanoTime()} at the answer.
     * Each attempt that finds no socket costs one failed connect; the pause between attempts is short (0.2 ms)
     * so that the figure is not rounded up by the polling.
     */
    public long awaitServing(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path socket = infoSocket();
        for (;;) {
            if (InfoClient.answersHello(socket)) {
                return System.nanoTime();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("configd exited with " + process.exitValue() + ":\n" + bed.consoleText());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("configd did not serve within " + timeout.toMillis() + " ms:\n"
                        + bed.consoleText());
            }
            LockSupport.parkNanos(200_000);
        }
    }

    /**
     * The memory figures of /proc/PID/status, in KiB: VmRSS (resident), VmHWM (its peak), RssAnon (heap, stacks,
     * JIT code: private), RssFile (mapped files: the JDK's modules and libraries, shared with other JVMs).
     */
    public Map<String, Long> memoryKib() throws IOException {
        return Processes.kibFields(Path.of("/proc", Integer.toString(pid()), "status"),
                List.of("VmRSS", "VmHWM", "RssAnon", "RssFile", "RssShmem"));
    }

    /** Sends SIGTERM; returns {@link System#nanoTime()} just before kill(2). */
    @Override
    public long stop() throws PosixException {
        long t = System.nanoTime();
        ProcessSignals.signalProcess(pid(), SignalNames.SIGTERM);
        return t;
    }

    @Override
    public List<Long> supervisorPids() {
        return List.of((long) pid());
    }

    /**
     * Waits for configd's exit, which comes after every component has been reaped; returns
     * {@link System#nanoTime()} when it was seen, and checks the exit code.
     */
    @Override
    public long awaitEnd(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("configd did not exit within " + timeout.toMillis() + " ms:\n"
                    + bed.consoleText());
        }
        long t = System.nanoTime();
        if (process.exitValue() != 0) {
            throw new IllegalStateException("configd exited with " + process.exitValue() + ":\n" + bed.consoleText());
        }
        return t;
    }

    /** Stops configd (SIGTERM, then SIGKILL if it does not exit in time). */
    @Override
    public void close() throws Exception {
        if (!process.isAlive()) {
            return;
        }
        stop();
        if (!process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("configd did not exit within " + STOP_DEADLINE.toSeconds()
                    + " s of SIGTERM");
        }
    }
}
