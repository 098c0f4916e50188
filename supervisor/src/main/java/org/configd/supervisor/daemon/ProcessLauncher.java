package org.configd.supervisor.daemon;

import io.netty.channel.Channel;
import io.netty.channel.IoEventLoop;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.configd.protocol.Event;
import org.configd.supervisor.config.ComponentSpec;
import org.configd.supervisor.config.Snapshot;
import org.configd.supervisor.config.StartMode;
import org.configd.supervisor.config.StdoutMode;
import org.configd.supervisor.ipc.ComponentIdentity;
import org.configd.supervisor.ipc.IpcServer;
import org.configd.supervisor.lifecycle.Launcher;
import org.configd.supervisor.lifecycle.Supervisor;
import org.configd.supervisor.log.ComponentOutput;
import org.configd.supervisor.log.UnifiedLog;
import org.configd.supervisor.spawn.AccountDb;
import org.configd.supervisor.spawn.Child;
import org.configd.supervisor.spawn.ChildWatcher;
import org.configd.supervisor.spawn.CommandResolver;
import org.configd.supervisor.spawn.LibC;
import org.configd.supervisor.spawn.PosixException;
import org.configd.supervisor.spawn.ProcessEnd;
import org.configd.supervisor.spawn.ProcessSignals;
import org.configd.supervisor.spawn.RunAs;
import org.configd.supervisor.spawn.SignalNames;
import org.configd.supervisor.spawn.SpawnException;
import org.configd.supervisor.spawn.SpawnRequest;
import org.configd.supervisor.spawn.Spawner;
import org.configd.supervisor.spawn.TmpDirs;

/**
 * The supervisor's real hands. A launch resolves the command, makes the private TMPDIR and hands the spawn
 * to the spawner thread, which first looks up the component's user (NSS may wait on a directory service, so never
 * on the supervision loop) and gives it the TMPDIR; once the child exists its three descriptors are taken over:
 * the pidfd is watched on the supervision loop, the output pipe is read on the log loop, and the socketpair end
 * becomes the component's channel. When the pidfd says the process is gone, whatever is left of its process group is
 * killed, its output is drained (so the exit record can quote its last lines), the TMPDIR is renamed aside,
 * and the supervisor is told; the renamed TMPDIR is removed after the supervisor's decision, so that a restart
 * does not wait for it, and walked on the cleanup thread when the process left files in it.
 *
 * <p>Runs on the supervision loop, but for the preparation handed to the spawner thread.
 */
final class ProcessLauncher implements Launcher {

    private static final Logger LOG = LogManager.getLogger(ProcessLauncher.class);
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** A process that is alive (or not yet fully accounted for). */
    private record Running(long launch, int pid, Path tmpDir, Channel channel, ComponentOutput output) {}

    private final Supplier<Snapshot> snapshot;
    private final Spawner spawner;
    /** Walks the renamed-aside TMPDIRs that are not empty (see {@link #ended}). */
    private final Executor cleanup;
    private final IoEventLoop supervisionLoop;
    private final IoEventLoop logLoop;
    private final IpcServer ipc;
    private final UnifiedLog log;
    private final Path runDir;
    private final boolean root;
    private final Map<String, Running> running = new HashMap<>();
    /** With {@link PhaseTrace#ON}: per component, the stamps of a restart under way ({@link PhaseTrace#restart}). */
    private final Map<String, long[]> restarts = new HashMap<>();
    /**
     * Whether configd is shutting down: an ended process's TMPDIR then goes with one rmdir if it is empty (most
     * are), and is otherwise left to the removal of the whole tree at exit, since walking 50 of them (0.2–3 ms
     * apiece of cold code) would sit on the supervision loop between the SIGTERMs and configd's exit.
     */
    private final BooleanSupplier stopping;
    private Supervisor supervisor;

    ProcessLauncher(Supplier<Snapshot> snapshot, BooleanSupplier stopping, Spawner spawner, Executor cleanup,
                    IoEventLoop supervisionLoop, IoEventLoop logLoop, IpcServer ipc, UnifiedLog log, Path runDir) {
        this.snapshot = snapshot;
        this.stopping = stopping;
        this.spawner = spawner;
        this.cleanup = cleanup;
        this.supervisionLoop = supervisionLoop;
        this.logLoop = logLoop;
        this.ipc = ipc;
        this.log = log;
        this.runDir = runDir;
        this.root = LibC.INSTANCE.geteuid() == 0;
    }

    void attach(Supervisor value) {
        this.supervisor = value;
    }

    @Override
    public void launch(String name, long launch) {
        long[] trace = PhaseTrace.ON ? restarts.remove(name) : null;
        if (trace != null) {
            trace[2] = System.nanoTime();
        }
        ComponentSpec spec = snapshot.get().component(name).orElseThrow();
        Path tmp = null;
        Map<String, String> env = new LinkedHashMap<>(spec.environment());
        List<String> command = new ArrayList<>(spec.command());
        String path = env.getOrDefault("PATH", DEFAULT_PATH);
        try {
            tmp = TmpDirs.create(runDir.resolve("tmp"), name); // given to the user at the spawn
            env.put("PATH", path);
            env.put("TMPDIR", tmp.toString());
            env.put("CONFIGD_FD", "3");
            env.put("CONFIGD_COMPONENT", name);
            env.put("CONFIGD_INFO_SOCKET", runDir.resolve("info.sock").toString());
            if (spec.start() == StartMode.ON_DEMAND) {
                // The component runs its own idle timer (the SDK's), configd only reacts to its exit 103.
                env.put("CONFIGD_IDLE_TIME_LIMIT_MS", Long.toString(spec.idleTimeLimit().toMillis()));
            }
        } catch (IOException | RuntimeException e) {
            removeTmp(tmp);
            supervisor.ended(name, launch, new ProcessEnd.SpawnFailed(0, e.getMessage()), List.of());
            return;
        }
        Path tmpDir = tmp;
        if (trace != null) {
            trace[3] = System.nanoTime();
        }
        // The program is looked for and the user's accounts are looked up on the spawner thread: the program may be on
        // a network file system, NSS may wait on a directory service, and neither may hold up supervision.
        spawner.spawn(name, () -> {
            command.set(0, CommandResolver.resolve(spec.command().get(0), spec.baseDirectory(), path).toString());
            Optional<RunAs> runAs = runAs(spec);
            if (runAs.isPresent()) {
                TmpDirs.giveTo(tmpDir, runAs.get());
            }
            return new SpawnRequest(name, command, env, spec.workingDirectory(), runAs,
                    spec.stdout() == StdoutMode.LOG);
        }).whenComplete((child, error) -> supervisionLoop.execute(() -> {
            if (trace != null) {
                trace[4] = System.nanoTime(); // the hop back to this loop is in it: posix_spawn itself is shorter
            }
            if (error != null) {
                removeTmp(tmpDir);
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                ProcessEnd end = cause instanceof SpawnException se ? se.failure()
                        : new ProcessEnd.SpawnFailed(0, String.valueOf(cause.getMessage()));
                supervisor.ended(name, launch, end, List.of());
            } else {
                adopt(name, launch, spec, child, tmpDir);
                if (trace != null) {
                    trace[5] = System.nanoTime();
                    PhaseTrace.restart(System.err, name, trace);
                }
            }
        }));
    }

    private void adopt(String name, long launch, ComponentSpec spec, Child child, Path tmpDir) {
        int pid = child.pid();
        supervisor.spawned(name, launch, pid);
        // Queued behind the spawned event, so that configd's "started" record precedes the component's first line.
        supervisionLoop.execute(() -> {
            Channel channel = ipc.attachComponent(child.channelFd(), new ComponentIdentity(name, launch, pid));
            ComponentOutput output = ComponentOutput.attach(logLoop, child.outputFd(), name, pid,
                    Level.toLevel(spec.logLevel(), Level.INFO), snapshot.get().daemon().log().maxLineLength(), log);
            running.put(name, new Running(launch, pid, tmpDir, channel, output));
            ChildWatcher.watch(supervisionLoop, child, end -> ended(name, launch, pid, end));
        });
    }

    private void ended(String name, long launch, int pid, ProcessEnd end) {
        long[] trace = PhaseTrace.ON ? new long[6] : null;
        if (trace != null) {
            trace[0] = System.nanoTime();
        }
        // Grandchildren left in its process group would hold ports and pipes: they go with it.
        signalGroup(pid, SignalNames.SIGKILL);
        Running r = running.get(name);
        if (r == null || r.launch() != launch) {
            supervisor.ended(name, launch, end, List.of());
            return;
        }
        r.channel().close();
        r.output().drain().whenComplete((lines, error) -> supervisionLoop.execute(() -> {
            if (trace != null) {
                trace[1] = System.nanoTime();
                restarts.put(name, trace); // taken by the successor's launch, if the supervisor decides on one
            }
            running.remove(name, r);
            Path retired = setAside(r.tmpDir(), launch);
            supervisor.ended(name, launch, end, lines == null ? List.of() : lines);
            // Queued behind the supervisor's decision, so that a restart does not wait for the old TMPDIR to go. An
            // empty one (most are) goes with one rmdir here; one with files in it is walked on the cleanup thread, as
            // a process may leave thousands behind. (All of them there cost a restart 0.5 ms in thread wake-ups.)
            supervisionLoop.execute(() -> {
                if (retired != null && !stopping.getAsBoolean() // else the whole tree goes at exit
                        && !TmpDirs.removeIfEmpty(retired)) {
                    cleanup.execute(() -> removeTmp(retired));
                }
            });
        }));
    }

    private Optional<RunAs> runAs(ComponentSpec spec) throws SpawnException {
        if (!root || spec.user().isEmpty()) {
            return Optional.empty();
        }
        String userName = spec.user().get();
        Optional<AccountDb.User> user;
        Optional<AccountDb.Group> group = Optional.empty();
        try {
            user = AccountDb.user(userName);
            if (spec.group().isPresent()) {
                group = AccountDb.group(spec.group().get());
            }
        } catch (PosixException e) { // the database did not answer: with its errno, the policy tries again later
            throw new SpawnException(new ProcessEnd.SpawnFailed(e.errno(), e.getMessage()));
        }
        if (user.isEmpty()) {
            throw new SpawnException(new ProcessEnd.SpawnFailed(0, "the user '" + userName + "' does not exist"));
        }
        if (spec.group().isPresent() && group.isEmpty()) {
            throw new SpawnException(new ProcessEnd.SpawnFailed(0, "the group '" + spec.group().get()
                    + "' does not exist"));
        }
        int gid = group.map(AccountDb.Group::gid).orElse(user.get().gid());
        return Optional.of(RunAs.withGroupsOf(user.get().uid(), gid, user.get().name()));
    }

    /**
     * Gets an ended process's TMPDIR out of its successor's way: renamed aside, to be removed after the supervisor's
     * decision (null when it is already gone). While stopping, an empty one goes at once, while other processes
     * are still ending, and one that holds something is left to the removal of the whole tree at exit (null).
     */
    private Path setAside(Path tmp, long launch) {
        if (stopping.getAsBoolean()) {
            TmpDirs.removeIfEmpty(tmp);
            return null;
        }
        return retireTmp(tmp, launch);
    }

    /** Renames the TMPDIR of an ended process aside; if that fails, removes it in place. */
    private static Path retireTmp(Path tmp, long launch) {
        try {
            return TmpDirs.retire(tmp, launch);
        } catch (IOException e) {
            removeTmp(tmp);
            return null;
        }
    }

    private static void removeTmp(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            TmpDirs.remove(tmp);
        } catch (IOException e) {
            LOG.warn("cannot remove the temporary directory {}: {}", tmp, e.getMessage());
        }
    }

    @Override
    public void signalGroup(int pid, int signal) {
        try {
            ProcessSignals.signalGroup(pid, signal);
        } catch (PosixException e) {
            LOG.warn("cannot send {} to the process group {}: {}", SignalNames.name(signal), pid, e.getMessage());
        }
    }

    @Override
    public void signalProcess(int pid, int signal) {
        try {
            ProcessSignals.signalProcess(pid, signal);
        } catch (PosixException e) {
            LOG.warn("cannot send {} to pid {}: {}", SignalNames.name(signal), pid, e.getMessage());
        }
    }

    @Override
    public void sendReload(String name, long generation) {
        Running r = running.get(name);
        if (r != null && r.channel().isActive()) {
            r.channel().writeAndFlush(Event.reload(generation));
        }
    }
}
