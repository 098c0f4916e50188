package org.configd.supervisor.daemon;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.IoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.configd.protocol.ErrorCode;
import org.configd.protocol.ProtocolException;
import org.configd.supervisor.cli.Version;
import org.configd.supervisor.config.ComponentChange;
import org.configd.supervisor.config.ComponentSpec;
import org.configd.supervisor.config.ConfigDiff;
import org.configd.supervisor.config.ConfigException;
import org.configd.supervisor.config.ConfigLoader;
import org.configd.supervisor.config.DaemonSettings;
import org.configd.supervisor.config.LoadedConfig;
import org.configd.supervisor.config.RestartSettings;
import org.configd.supervisor.config.Snapshot;
import org.configd.supervisor.config.StartMode;
import org.configd.supervisor.ipc.Authorizer;
import org.configd.supervisor.ipc.IpcServer;
import org.configd.supervisor.license.License;
import org.configd.supervisor.license.LicenseLoader;
import org.configd.supervisor.lifecycle.Action;
import org.configd.supervisor.lifecycle.Component;
import org.configd.supervisor.lifecycle.ComponentState;
import org.configd.supervisor.lifecycle.RestartSchedule;
import org.configd.supervisor.lifecycle.Supervision;
import org.configd.supervisor.lifecycle.Supervisor;
import org.configd.supervisor.log.UnifiedLog;
import org.configd.supervisor.spawn.ChildStart;
import org.configd.supervisor.spawn.AccountDb;
import org.configd.supervisor.spawn.Spawner;
import org.configd.supervisor.spawn.TmpDirs;

/**
 * One run of configd: takes the run directory, serves the sockets, supervises the components, and on
 * SIGTERM/SIGINT (or {@code shutdown}) stops them all and cleans up. Reload (SIGHUP, {@code reload}) runs on
 * the supervision loop: a new snapshot is published only when the whole configuration and license are valid.
 */
final class Daemon {

    private static final Logger LOG = LogManager.getLogger(Daemon.class);
    /** A start slower than this is reported: a spawn takes milliseconds, a stuck file system forever. */
    private static final Duration SLOW_START = Duration.ofSeconds(10);

    private final Path mainFile;
    private final List<Path> searchPath;
    private final PrintStream console;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    /**
     * Completes on the supervision loop once the supervisor has taken in the first configuration. The sockets serve
     * before that (a component may ask the info socket as soon as it runs), so what depends on the supervisor's
     * components waits for it: until then the supervisor knows none.
     */
    private final CompletableFuture<Void> supervising = new CompletableFuture<>();
    private final SystemdNotices systemd = SystemdNotices.fromEnvironment(System.getenv()); // [systemd]

    private volatile Snapshot snapshot;
    private UnifiedLog unifiedLog;
    private IoEventLoop supervisionLoop;
    private Supervisor supervisor;
    private boolean shuttingDown;

    Daemon(Path mainFile, List<Path> searchPath, LoadedConfig loaded, License license, PrintStream console) {
        this.mainFile = mainFile;
        this.searchPath = searchPath;
        this.console = console;
        this.snapshot = Snapshot.next(null, loaded, license);
    }

    Snapshot snapshot() {
        return snapshot;
    }

    /** Runs until shutdown; returns the exit code. */
    int run() {
        DaemonSettings d = snapshot.daemon();
        Path runDir = d.runDir();
        ChildStart childStart;
        try {
            // Before anything is locked or created: without a way to start components configd could start nothing.
            childStart = Spawner.locate();
        } catch (IllegalStateException e) {
            console.println("configd: " + e.getMessage());
            return ConfigdMain.FAILED;
        }
        PidFile pidFile;
        try {
            Files.createDirectories(runDir);
            Files.createDirectories(runDir.resolve("tmp"));
            Files.setPosixFilePermissions(runDir.resolve("tmp"), PosixFilePermissions.fromString("rwx--x--x"));
            Files.createDirectories(d.log().file().toAbsolutePath().getParent());
            pidFile = PidFile.lock(runDir.resolve("configd.pid"));
        } catch (PidFile.AlreadyRunning e) {
            console.println("configd: " + e.getMessage());
            return ConfigdMain.FAILED;
        } catch (IOException e) {
            console.println("configd: cannot prepare " + runDir + ": " + e.getMessage()
                    + "; check that configd may create it (configd.run-dir)");
            return ConfigdMain.FAILED;
        }
        try {
            unifiedLog = UnifiedLog.start(d.log());
        } catch (IOException e) {
            console.println("configd: cannot open the log " + d.log().file() + ": " + e.getMessage()
                    + "; check configd.log.file");
            closeQuietly(pidFile);
            return ConfigdMain.FAILED;
        }
        PhaseTrace.mark(console, "unified log started");
        MultiThreadIoEventLoopGroup supervision = group("configd-supervisor");
        MultiThreadIoEventLoopGroup ipcGroup = group("configd-ipc");
        MultiThreadIoEventLoopGroup logGroup = group("configd-log");
        supervisionLoop = (IoEventLoop) supervision.next();
        PhaseTrace.mark(console, "event loops made");
        // The supervisor's timers: scheduled on the loop, as every spawn is requested, they wake nothing, and the
        // spawner thread's cancel is queued without waking the loop either.
        LoopTimers timers = new LoopTimers(supervisionLoop);
        Spawner spawner = new Spawner(childStart, new Spawner.SlowStartAlarm(
                (delay, task) -> timers.schedule(delay, task)::cancel, SLOW_START, LOG::warn));
        PhaseTrace.mark(console, "spawner made");
        // Walks the TMPDIRs that processes left files in (thousands, maybe: it must not hold up supervision), then
        // at exit the whole tree. One thread, started at its first use, so the tree goes last.
        ExecutorService cleanup = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "configd-cleanup");
            thread.setDaemon(true);
            return thread;
        });
        IpcServer ipc = null;
        try {
            OptionalInt adminGid = adminGid(d.adminGroup());
            ProcessLauncherHolder holder = new ProcessLauncherHolder();
            supervisor = new Supervisor(supervisionLoop, holder, timers, Daemon::report);
            ipc = new IpcServer(ipcGroup, new IpcServer.Limits(d.limits().maxFrameSize(),
                    d.limits().maxInfoConnections(), d.limits().frameTimeout()),
                    new DaemonOperations(this, supervisor), new Authorizer(adminGid));
            ProcessLauncher launcher = new ProcessLauncher(this::snapshot, () -> shuttingDown, spawner, cleanup,
                    supervisionLoop,
                    (IoEventLoop) logGroup.next(), ipc, unifiedLog, runDir);
            launcher.attach(supervisor);
            holder.set(launcher);
            PhaseTrace.mark(console, "ipc made");
            ipc.listenInfo(runDir.resolve("info.sock"));
            ipc.listenControl(runDir.resolve("control.sock"), adminGroupPrincipal(d.adminGroup()));

            PhaseTrace.mark(console, "sockets serve");
            SignalHandlers.handle("HUP", 1, () -> reload("SIGHUP"));
            SignalHandlers.handle("TERM", 15, () -> shutdown("SIGTERM"));
            SignalHandlers.handle("INT", 2, () -> shutdown("SIGINT"));

            Snapshot first = snapshot;
            supervisionLoop.execute(() -> {
                try {
                    applyToSupervisor(first, Set.of(), Set.of(), false);
                } finally {
                    supervising.complete(null);
                }
            });
            PhaseTrace.mark(console, "signal handlers installed, components being started");
            onceStarted(first);
            NativeHeap.trimPeriodically(supervisionLoop);
            LOG.info("configd {} started (pid {}): generation {}, {} components, license {}; sockets in {}",
                    Version.current(), ProcessHandle.current().pid(), first.generation(),
                    first.config().components().size(), first.license().stateAt(java.time.Instant.now()).wireName(),
                    runDir);
            LOG.debug("components start through {}", childStart);
            stopped.join();
            return ConfigdMain.OK;
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOG.error("configd cannot start: {}", e.getMessage(), e);
            console.println("configd: cannot start: " + e.getMessage());
            return ConfigdMain.FAILED;
        } finally {
            PhaseTrace.stopMark(console, "every component has ended");
            // No process is left to use a TMPDIR: the tree goes while the sockets close and the loops stop (each
            // takes 5-20 ms of cold code), after any walk handed over before. Removals queued on the loop before the
            // shutdown see it and leave the tree alone.
            CompletableFuture<Void> tmpRemoved = CompletableFuture.runAsync(
                    () -> removeTmpRoot(runDir.resolve("tmp")), cleanup);
            cleanup.shutdown();
            if (ipc != null) {
                ipc.close();
            }
            PhaseTrace.stopMark(console, "sockets closed");
            List<Future<?>> loops = List.of(shutdownGroup(supervision), shutdownGroup(ipcGroup),
                    shutdownGroup(logGroup));
            spawner.close();
            loops.forEach(f -> f.awaitUninterruptibly(5, TimeUnit.SECONDS));
            PhaseTrace.stopMark(console, "event loops and spawner stopped");
            tmpRemoved.join();
            PhaseTrace.stopMark(console, "TMPDIRs removed");
            closeQuietly(pidFile);
            LOG.info("configd stopped");
            PhaseTrace.stopMark(console, "pid file removed, last record queued");
            unifiedLog.close();
            PhaseTrace.stopMark(console, "log closed");
        }
    }

    /** Stops every component, then lets {@link #run} clean up and return. Any thread; idempotent. */
    void shutdown(String why) {
        supervisionLoop.execute(() -> {
            if (shuttingDown) {
                return;
            }
            shuttingDown = true;
            PhaseTrace.stopAsked();
            systemd.stopping(why); // [systemd]
            LOG.info("shutting down ({}): stopping every component", why);
            supervisor.shutdown().whenComplete((v, e) -> stopped.complete(null));
            unifiedLog.prepareToClose(); // at once, if it is stopped before it has started
            PhaseTrace.stopMark(console, "every component was sent SIGTERM");
        });
    }

    /**
     * Once every always-on component of the first generation has been spawned (or has failed to be): systemd is
     * told that configd is ready, and the log prepares what its close will need, which would otherwise be built
     * while the stop competes for the CPU. Checked on the supervision loop every 10 ms until then.
     */
    private void onceStarted(Snapshot first) {
        supervisionLoop.execute(() -> {
            if (shuttingDown) {
                return;
            }
            if (firstSpawnsDone(first, supervisor.status())) {
                systemd.started(first, supervisor); // [systemd]
                unifiedLog.prepareToClose();
            } else {
                supervisionLoop.schedule(() -> onceStarted(first), 10, TimeUnit.MILLISECONDS);
            }
        });
    }

    /**
     * No always-on component of {@code snapshot} is still waiting for its first spawn. One the supervisor no longer
     * knows was removed by a reload meanwhile: it is waited for no longer (the check runs after the first generation
     * was applied, so every component of it was known once).
     */
    static boolean firstSpawnsDone(Snapshot snapshot, List<Component> status) {
        Map<String, Component> byName = new HashMap<>();
        status.forEach(c -> byName.put(c.name(), c));
        for (ComponentSpec spec : snapshot.config().components().values()) {
            Component c = byName.get(spec.name());
            if (spec.start() == StartMode.ALWAYS && c != null && c.state() == ComponentState.STARTING
                    && c.pid() == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Re-reads the configuration and the license. Runs on the supervision loop; the result is the new
     * generation, or an {@code invalid-config} error while the old snapshot stays in force.
     */
    CompletableFuture<ObjectNode> reload(String trigger) {
        CompletableFuture<ObjectNode> result = new CompletableFuture<>();
        // Never before the first configuration is in the supervisor: applied after a reload, it would undo it.
        supervising.thenRun(() -> supervisionLoop.execute(() -> {
            systemd.reloading(trigger); // [systemd]
            try {
                result.complete(reloadNow(trigger));
            } catch (ProtocolException e) {
                result.completeExceptionally(e);
            }
            systemd.reloaded(snapshot, supervisor, result.isCompletedExceptionally()); // [systemd]
        })).exceptionally(refused -> { // the loop has ended: configd is stopping
            result.completeExceptionally(refused);
            return null;
        });
        return result;
    }

    /** Completes once the supervisor has taken in the first configuration; see {@link #supervising}. */
    CompletableFuture<Void> supervising() {
        return supervising;
    }

    private ObjectNode reloadNow(String trigger) throws ProtocolException {
        if (shuttingDown) {
            throw new ProtocolException(ErrorCode.SHUTTING_DOWN, "configd is shutting down");
        }
        Snapshot old = snapshot;
        LoadedConfig loaded;
        try {
            loaded = ConfigLoader.load(mainFile, searchPath);
        } catch (ConfigException e) {
            LOG.error("reload ({}) rejected, generation {} stays in force: {}", trigger, old.generation(),
                    e.getMessage().replace('\n', ' '));
            throw new ProtocolException(ErrorCode.INVALID_CONFIG, "the new configuration is invalid, generation "
                    + old.generation() + " stays in force:\n" + e.getMessage());
        }
        License license = LicenseLoader.load(loaded.daemon().license());
        Snapshot next = Snapshot.next(old, loaded, license);
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("generation", next.generation());
        r.put("changed", next.generation() != old.generation());
        if (next.generation() == old.generation()) {
            LOG.info("reload ({}): nothing changed, generation {} stays", trigger, old.generation());
            return r;
        }
        Map<String, ComponentChange> diff = ConfigDiff.between(old.config(), loaded);
        Set<String> process = names(diff, ComponentChange.PROCESS);
        Set<String> settings = names(diff, ComponentChange.SETTINGS);
        boolean licenseChanged = !old.license().fingerprint().equals(license.fingerprint());
        snapshot = next;
        applyDaemonChanges(old.daemon(), next.daemon());
        LOG.info("reload ({}): generation {} -> {}; changed: {}{}", trigger, old.generation(), next.generation(),
                describe(diff), licenseChanged ? "; the license changed (now "
                        + license.stateAt(java.time.Instant.now()).wireName() + ")" : "");
        applyToSupervisor(next, process, settings, licenseChanged);
        return r;
    }

    private void applyToSupervisor(Snapshot s, Set<String> process, Set<String> settings, boolean licenseChanged) {
        Map<String, Supervision> wanted = new LinkedHashMap<>();
        for (ComponentSpec spec : s.config().components().values()) {
            wanted.put(spec.name(), new Supervision(spec.start(), spec.readiness(), spec.stopTimeout(),
                    spec.startTimeout()));
        }
        RestartSettings r = s.daemon().restart();
        supervisor.reconfigure(s.generation(), new RestartSchedule(r.initialDelay(), r.maxDelay(), r.resetAfter()),
                wanted, process, settings, licenseChanged);
    }

    private void applyDaemonChanges(DaemonSettings old, DaemonSettings neu) {
        if (!old.log().equals(neu.log())) {
            try {
                unifiedLog.reconfigure(neu.log());
            } catch (IOException e) {
                LOG.error("cannot apply the new log settings: {}; the old ones stay", e.getMessage());
            }
        }
        if (!old.runDir().equals(neu.runDir()) || !old.limits().equals(neu.limits())
                || !old.adminGroup().equals(neu.adminGroup())) {
            LOG.warn("run-dir, limits and admin-group changes take effect when configd is restarted");
        }
    }

    private static Set<String> names(Map<String, ComponentChange> diff, ComponentChange kind) {
        Set<String> s = new HashSet<>();
        diff.forEach((name, change) -> {
            if (change == kind) {
                s.add(name);
            }
        });
        return s;
    }

    private static String describe(Map<String, ComponentChange> diff) {
        String s = diff.entrySet().stream().filter(e -> e.getValue() != ComponentChange.UNCHANGED)
                .map(e -> e.getKey() + " (" + e.getValue().name().toLowerCase() + ")")
                .collect(Collectors.joining(", "));
        return s.isEmpty() ? "no component" : s;
    }

    private static void report(Action.Report report) {
        if (report.lastLines().isEmpty()) {
            LOG.log(report.level(), report.message());
        } else {
            LOG.log(report.level(), report.message() + "; its last lines: "
                    + report.lastLines().stream().map(l -> "\"" + l + "\"").collect(Collectors.joining(" | ")));
        }
    }

    private OptionalInt adminGid(Optional<String> name) throws IOException {
        if (name.isEmpty()) {
            return OptionalInt.empty();
        }
        AccountDb.Group g = AccountDb.group(name.get()).orElseThrow(() -> new IOException(
                "the admin group '" + name.get() + "' does not exist (configd.admin-group)"));
        return OptionalInt.of(g.gid());
    }

    private static Optional<GroupPrincipal> adminGroupPrincipal(Optional<String> name) throws IOException {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(FileSystems.getDefault().getUserPrincipalLookupService()
                .lookupPrincipalByGroupName(name.get()));
    }

    private static MultiThreadIoEventLoopGroup group(String name) {
        return new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(name), EpollIoHandler.newFactory());
    }

    private static Future<?> shutdownGroup(MultiThreadIoEventLoopGroup g) {
        return g.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }


    /** The run directory's tmp/ as a whole: every TMPDIR left at shutdown, and leftovers of a crashed run. */
    private static void removeTmpRoot(Path tmp) {
        try {
            if (Files.isDirectory(tmp, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                TmpDirs.remove(tmp);
            }
        } catch (IOException e) {
            LOG.warn("cannot clean {}: {}", tmp, e.getMessage());
        }
    }

    private static void closeQuietly(PidFile pidFile) {
        try {
            pidFile.close();
        } catch (IOException e) {
            LOG.warn("cannot remove the pid file {}: {}", pidFile.path(), e.getMessage());
        }
    }
}
