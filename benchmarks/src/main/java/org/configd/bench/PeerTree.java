package org.configd.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.configd.supervisor.spawn.CommandResolver;
import org.configd.supervisor.spawn.ProcessSignals;
import org.configd.supervisor.spawn.SignalNames;
import org.configd.supervisor.spawn.SpawnException;

/**
 * A supervision tree of one of issue 6's yardsticks, runit or s6 as Debian packages them, supervising the same
 * bench-component as configd does: a scan folder of service folders whose {@code ./run} is the component itself
 * (a link to it, started without arguments: it reads them from {@code ./bench-args}), so no shell runs between the
 * supervisor and the stamp. The tree runs under bench-component's {@code tree} mode, a subreaper that stamps
 * {@code gone} when the last process of the tree has ended: runsvdir exits before its services do, and the end of
 * a stop is when every process is gone, as it is for configd.
 */
final class PeerTree implements Supervision {

    /** The supervisors measured, each by the program that scans its folder. */
    enum Kind {
        // svlogd: no rotation (s0), which would only complicate the accounting; s6-log: the largest file it allows.
        RUNIT("runit", "runsvdir", "svlogd -tt ./main", "s0\n", List.of("sv", "status")),
        S6("s6", "s6-svscan", "s6-log t s268435455 ./main", null, List.of("s6-svstat"));

        final String label;
        final String scanner;
        /** The command that prints a service's state, given the service folder as its last argument. */
        final List<String> status;
        /** The logger's command line in a service's ./log/run, writing into ./log/main/. */
        final String logger;
        /** The contents of ./log/main/config, if the logger reads one. */
        final String loggerConfig;

        Kind(String label, String scanner, String logger, String loggerConfig, List<String> status) {
            this.label = label;
            this.scanner = scanner;
            this.status = status;
            this.logger = logger;
            this.loggerConfig = loggerConfig;
        }

        /** The scanner's path on this machine, if the package is installed: looked for in PATH as exec would. */
        Optional<Path> installed() {
            try {
                return Optional.of(inPath(scanner));
            } catch (SpawnException notThere) {
                return Optional.empty();
            }
        }
    }

    /** A program of the peers' packages, looked for in PATH as exec would. */
    private static Path inPath(String program) throws SpawnException {
        return CommandResolver.resolve(program, Path.of("/"), System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);

    private final Kind kind;
    private final Bed bed;
    private final Path scan;
    private final List<String> services;
    private final Process wrapper;
    private final long launchedAt;
    private boolean stopped;

    private PeerTree(Kind kind, Bed bed, Path scan, List<String> services, Process wrapper, long launchedAt) {
        this.kind = kind;
        this.bed = bed;
        this.scan = scan;
        this.services = services;
        this.wrapper = wrapper;
        this.launchedAt = launchedAt;
    }

    /**
     * Lays out one service folder per entry of {@code services} (name to bench-component's mode and its
     * argument, e.g. {@code "pause"} or {@code "exit-after 1100"}) and starts the scanner on them.
     */
    static PeerTree start(Kind kind, Path scanner, Bed bed, Path component, Map<String, String> services)
            throws IOException {
        return start(kind, scanner, bed, component, services, false);
    }

    /**
     * As {@link #start(Kind, Path, Bed, Path, Map)}, each service with its own logger (svlogd, s6-log), as runit
     * and s6 log: its output goes to {@link #logFile(String)}, each line after a timestamp.
     */
    static PeerTree startLogged(Kind kind, Path scanner, Bed bed, Path component, Map<String, String> services)
            throws IOException {
        return start(kind, scanner, bed, component, services, true);
    }

    private static PeerTree start(Kind kind, Path scanner, Bed bed, Path component, Map<String, String> services,
            boolean logged) throws IOException {
        Path scan = bed.dir.resolve(kind.label);
        Files.createDirectories(scan);
        for (Map.Entry<String, String> s : services.entrySet()) {
            Path dir = Files.createDirectory(scan.resolve(s.getKey()));
            Files.createSymbolicLink(dir.resolve("run"), component);
            Files.writeString(dir.resolve("bench-args"),
                    bed.stamps().path() + "\n" + s.getValue().replace(' ', '\n') + "\n", StandardCharsets.US_ASCII);
            if (kind == Kind.S6) {
                // Readiness notification on fd 3: without it, s6-supervise waits a second before every restart.
                Files.writeString(dir.resolve("notification-fd"), "3\n", StandardCharsets.US_ASCII);
            }
            if (logged) {
                logger(kind, dir.resolve("log"));
            }
        }
        // As if laid out long before: runsvdir puts off its first scan by a second when the folder changed within
        // the current second, so that it cannot miss a change made in the same second.
        Files.setLastModifiedTime(scan, FileTime.from(Instant.now().minusSeconds(60)));
        ProcessBuilder pb = new ProcessBuilder(component.toString(), bed.stamps().path().toString(), "tree",
                scanner.toString(), scan.toString());
        pb.environment().put("BENCH_NAME", "tree");
        pb.redirectErrorStream(true).redirectOutput(bed.console.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        long t0 = System.nanoTime();
        Process wrapper = pb.start();
        return new PeerTree(kind, bed, scan, List.copyOf(services.keySet()), wrapper, t0);
    }

    /** A service's ./log: its run script starts the logger (once, so a shell costs nothing measured). */
    private static void logger(Kind kind, Path log) throws IOException {
        Path main = Files.createDirectories(log.resolve("main"));
        if (kind.loggerConfig != null) {
            Files.writeString(main.resolve("config"), kind.loggerConfig, StandardCharsets.US_ASCII);
        }
        Path run = Files.writeString(log.resolve("run"), "#!/bin/sh\nexec " + kind.logger + "\n",
                StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** {@link Kind#status}'s command line for one service, its program found in PATH. */
    List<String> statusCommand(String service) throws SpawnException {
        List<String> command = new ArrayList<>(kind.status);
        command.set(0, inPath(command.get(0)).toString());
        command.add(scan.resolve(service).toString());
        return command;
    }

    /** The file a service's logger writes, with {@link #startLogged}. */
    Path logFile(String service) {
        return scan.resolve(service).resolve("log").resolve("main").resolve("current");
    }

    @Override
    public long launchedAt() {
        return launchedAt;
    }

    /**
     * Stops every service the quickest way each supervisor offers, and returns {@link System#nanoTime()} just
     * before the first step. s6: SIGTERM to s6-svscan, which takes every service down and has each s6-supervise
     * exit ({@code s6-svscanctl -t}). runit: runsvdir ends at once on SIGTERM, leaving its runsv processes; each
     * is then told "down, then exit" through its control FIFO, as runit's own shutdown does with
     * {@code sv force-stop} and {@code sv exit}, but without starting sv.
     */
    @Override
    public long stop() throws IOException {
        stopped = true;
        ProcessHandle root = wrapper.toHandle().children().findFirst()
                .orElseThrow(() -> new IllegalStateException(kind.label + "'s scanner is not running:\n"
                        + bed.consoleText()));
        List<Path> controls = new ArrayList<>();
        for (String s : services) {
            Path control = scan.resolve(s).resolve("supervise").resolve("control");
            if (Files.exists(control)) { // made by runsv when it starts
                controls.add(control);
            }
        }
        long t0 = System.nanoTime();
        ProcessSignals.signalProcess((int) root.pid(), SignalNames.SIGTERM);
        if (kind == Kind.RUNIT) {
            byte[] downThenExit = "dx".getBytes(StandardCharsets.US_ASCII);
            for (Path control : controls) {
                // Read and write, as sv's own non-blocking open: opening a FIFO only to write waits for a reader,
                // which would hang the harness on a runsv that has died.
                try (RandomAccessFile fifo = new RandomAccessFile(control.toFile(), "rw")) {
                    fifo.write(downThenExit);
                }
            }
        }
        return t0;
    }

    /** The moment the last process of the tree ended, as the subreaper stamped it. */
    @Override
    public long awaitEnd(Duration timeout) throws InterruptedException {
        return bed.stamps().next(Stamps.event("gone"), timeout, kind.label + "'s end of the tree").nanos();
    }

    /**
     * The supervisors' own processes: the scanner and each service's supervisor, not the services. Their resident
     * memory is what the supervision costs.
     */
    @Override
    public List<Long> supervisorPids() {
        return wrapper.toHandle().children()
                .flatMap(root -> Stream.concat(Stream.of(root), root.children()))
                .map(ProcessHandle::pid).toList();
    }

    /** Stops the tree if a measurement did not, SIGKILL to every process if it does not end in time. */
    @Override
    public void close() throws Exception {
        if (!wrapper.isAlive()) {
            return;
        }
        if (!stopped) {
            try {
                stop();
            } catch (IllegalStateException e) {
                // The scanner is gone (a measurement failed): whatever it left is killed below.
            }
        }
        if (!wrapper.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
            wrapper.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            wrapper.destroyForcibly();
            throw new IllegalStateException(kind.label + "'s tree did not end within " + STOP_DEADLINE.toSeconds()
                    + " s of its stop");
        }
    }
}
