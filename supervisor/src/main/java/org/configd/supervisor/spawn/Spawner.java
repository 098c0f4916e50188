package org.configd.supervisor.spawn;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Starts component processes, all from one long-lived thread, {@code configd-spawner}.
 *
 * <p>Each child gets its own session, fd 0 /dev/null, the log pipe on fds 1 (or /dev/null) and 2, its channel on
 * fd 3 and nothing else, every signal at its default and none blocked, its user, and SIGKILL as its parent-death
 * signal: the kernel sends it when the thread that spawned it ends. How ({@link ChildStart}): by configd's own spawn
 * library, {@code libconfigd-spawn.so} ({@code src/main/c/configd-spawn.c}), in one exec; where that was not built,
 * or with {@code -Dconfigd.in-process-spawn=false}, as {@code configd-exec --pdeathsig KILL [--groups=G,..
 * --regid=G --reuid=U] -- command...} through posix_spawn, configd's small static program
 * ({@code src/main/c/configd-exec.c}); without it the same arguments go to util-linux setpriv. Both programs and the
 * library are built next to configd's classes or jar when a C compiler is there.
 *
 * <p>Trap: the parent-death signal follows the spawning <em>thread</em>, not the process, so spawning from a pool
 * worker that gets replaced, a short-lived thread or a signal handler thread would kill the child early. This class
 * therefore owns its one thread and never lets it die before {@link #close()}; closing it kills every child it
 * started (which is how components die with configd).
 *
 * <p>Trap: the thread waits for each exec (vfork), and only a fatal signal interrupts that wait: a component whose
 * program or working directory is on a hung network file system holds up every spawn after it; a
 * {@link SlowStartAlarm} says so in the log.
 *
 * <p>The program must be executable before anything is forked: a missing or non-executable command fails with
 * {@link SpawnException} (ENOENT, EACCES, EISDIR) and no process. Whether the component's <em>user</em> may execute
 * it is only known after the switch of users: a refusal then shows on the log pipe as a non-zero exit (1, 126 or
 * 127, with a message).
 */
public final class Spawner implements AutoCloseable {

    private static final List<Path> SETPRIV_LOCATIONS =
            List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"), Path.of("/usr/local/bin/setpriv"));
    private static final Runnable STOP = () -> { };
    private static final String EXEC_HELPER = "configd-exec";
    private static final String SPAWN_LIBRARY = "libconfigd-spawn.so";
    /**
     * {@code false} keeps configd's spawn library unused: components start through configd-exec or setpriv. Any
     * other value leaves it in use, as with {@code configd.warmup}: a typo must not change how components start.
     */
    private static final String IN_PROCESS_PROPERTY = "configd.in-process-spawn";

    /**
     * Reports a start that has kept the spawner thread for {@code after}: a program, working directory or account
     * lookup that does not answer (a network file system, a directory service) holds up that start and every one
     * after it, and nothing else would say so.
     *
     * @param scheduler where the checks run; configd's supervision loop
     * @param report    receives one sentence naming the component, once per slow start
     */
    public record SlowStartAlarm(Scheduler scheduler, Duration after, Consumer<String> report) {
    }

    /** Runs a task once after a delay, as the supervisor's timers do; what it returns cancels the task. */
    @FunctionalInterface
    public interface Scheduler {
        Runnable schedule(Duration delay, Runnable task);
    }

    private final Launcher launcher;
    private final SlowStartWatch watch; // null: none
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;
    private boolean closed; // guarded by this

    /**
     * A spawner starting components the best way there is ({@link #locate()}).
     *
     * @throws IllegalStateException when there is none
     */
    public Spawner() {
        this(locate());
    }

    /**
     * A spawner starting components through {@code execHelper}: configd-exec, or util-linux setpriv (2.33 or newer,
     * for {@code --pdeathsig}).
     */
    public Spawner(Path execHelper) {
        this(helper(execHelper));
    }

    /** A spawner starting components as {@code start} does. */
    public Spawner(ChildStart start) {
        this(start, null);
    }

    /** A spawner starting components as {@code start} does, with {@code alarm} (or none, when null). */
    public Spawner(ChildStart start, SlowStartAlarm alarm) {
        this.launcher = new Launcher(start);
        this.watch = alarm == null ? null : new SlowStartWatch(alarm);
        tasks.add(() -> prepare(start)); // meanwhile configd opens its sockets: the first spawn finds it done
        this.thread = new Thread(this::serve, "configd-spawner");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * How components are started: by configd's spawn library next to its code, unless
     * {@code -Dconfigd.in-process-spawn=false}; otherwise, or should the library fail to load, through
     * {@link #locateExecHelper()}. Only looks for files: the library is loaded on the spawner thread as soon as it
     * runs, which keeps jnr off the way to serving.
     *
     * @throws IllegalStateException when there is neither the library nor a helper program
     */
    public static ChildStart locate() {
        Optional<Path> library = !"false".equals(System.getProperty(IN_PROCESS_PROPERTY))
                ? besideCode(SPAWN_LIBRARY).filter(Files::isRegularFile) : Optional.empty();
        if (library.isEmpty()) {
            return helper(locateExecHelper());
        }
        return new NativeSpawn(library.get(), execHelper().map(Spawner::helper));
    }

    private static ThroughHelper helper(Path execHelper) {
        if (!Files.isRegularFile(execHelper) || !Files.isExecutable(execHelper)) {
            throw new IllegalStateException(execHelper + " is not an executable file; configd needs it to start"
                    + " components.");
        }
        return new ThroughHelper(execHelper);
    }

    /**
     * The program components are started through: configd-exec next to configd's code (in a checkout
     * {@code supervisor/target/}, installed {@code lib/}), else util-linux setpriv.
     *
     * @throws IllegalStateException when neither is there
     */
    public static Path locateExecHelper() {
        return execHelper().orElseThrow(() -> new IllegalStateException(
                "configd-exec is not next to configd's code and util-linux setpriv is not in " + SETPRIV_LOCATIONS
                        + "; install util-linux (it provides setpriv), or build configd where gcc is, which makes"
                        + " configd-exec."));
    }

    private static Optional<Path> execHelper() {
        return builtExecHelper().or(Spawner::installedSetpriv);
    }

    /**
     * configd-exec where the build puts it, in the folder that holds configd's jar or classes folder, when it is there
     * and executable.
     */
    static Optional<Path> builtExecHelper() {
        return besideCode(EXEC_HELPER).filter(Files::isExecutable);
    }

    /** {@code name} in the folder that holds configd's jar or classes folder. */
    static Optional<Path> besideCode(String name) {
        try {
            Path code = Path.of(Spawner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Optional.ofNullable(code.getParent()).map(folder -> folder.resolve(name));
        } catch (RuntimeException | URISyntaxException e) { // no code source, or not a file
            return Optional.empty();
        }
    }

    /**
     * Where util-linux setpriv is installed.
     *
     * @throws IllegalStateException when it is in none of the usual places
     */
    public static Path locateSetpriv() {
        return installedSetpriv().orElseThrow(() -> new IllegalStateException("util-linux setpriv was not found in "
                + SETPRIV_LOCATIONS + "; install util-linux (it provides setpriv, which configd uses to start"
                + " components)."));
    }

    private static Optional<Path> installedSetpriv() {
        return SETPRIV_LOCATIONS.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts a component process on the spawner thread.
     *
     * <p>The future completes on the spawner thread: attach dependent work with an {@code ...Async} method and
     * the caller's own executor, so that nothing slow runs there.
     *
     * @return the started child, or a {@link SpawnException} naming why it could not be started (an
     *         {@link IllegalStateException} once closed)
     */
    public CompletableFuture<Child> spawn(SpawnRequest request) {
        return spawn(request.component(), () -> request);
    }

    /**
     * Prepares and starts a component process on the spawner thread: {@code prepare} runs there first, for the work
     * that may block — looking accounts up can wait on a directory service (NSS: LDAP, sssd) — and must therefore
     * stay off the supervision loop. What it throws fails the spawn, as {@link #spawn(SpawnRequest)}'s failures do
     * (a {@link SpawnException} for a failure to report as such).
     *
     * @param component the component's name, for the {@link SlowStartAlarm}
     */
    public CompletableFuture<Child> spawn(String component, Callable<SpawnRequest> prepare) {
        CompletableFuture<Child> result = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                result.completeExceptionally(new IllegalStateException("the spawner is closed"));
                return result;
            }
            if (watch != null) {
                watch.watch(result);
            }
            tasks.add(() -> launch(component, prepare, result));
        }
        return result;
    }

    /**
     * Stops the spawner thread once the spawns already asked for are done. Every child it started receives SIGKILL
     * (the parent-death signal).
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            tasks.add(STOP);
        }
        if (Thread.currentThread() != thread) {
            joinUninterruptibly();
        }
    }

    private void serve() {
        for (;;) {
            Runnable task;
            try {
                task = tasks.take();
            } catch (InterruptedException e) {
                continue; // this thread's life is its children's life: only close() ends it
            }
            if (task == STOP) {
                return;
            }
            task.run();
        }
    }

    /** Trap: nothing may escape, not even an Error: this thread dying would kill every child. */
    private void launch(String component, Callable<SpawnRequest> prepare, CompletableFuture<Child> result) {
        if (watch != null) {
            watch.begins(component);
        }
        try {
            result.complete(launcher.launch(prepare.call()));
        } catch (Throwable failure) {
            result.completeExceptionally(failure);
        } finally {
            if (watch != null) {
                watch.ends();
            }
        }
    }

    /** As {@link #launch}: nothing may escape. What went wrong shows again at the first spawn. */
    private static void prepare(ChildStart start) {
        try {
            start.prepare();
        } catch (Throwable ignored) {
            // reported by the first spawn, which meets it again
        }
    }

    private void joinUninterruptibly() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
