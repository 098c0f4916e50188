package org.configd.supervisor.spawn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Starts component processes, all from one long-lived thread, {@code configd-spawner}.
 *
 * <p>Each child is executed as {@code setpriv --pdeathsig KILL [--reuid=U --regid=G --init-groups] -- command...}:
 * the kernel sends it SIGKILL when the thread that spawned it ends. Trap: that is the spawning <em>thread</em>, not
 * the process, so spawning from a pool worker that gets replaced, a short-lived thread or a signal handler thread
 * would kill the child early. This class therefore owns its one thread and never lets it die before {@link #close()};
 * closing it kills every child it started (which is how components die with configd).
 *
 * <p>The program must be executable before anything is forked: a missing or non-executable command fails with
 * {@link SpawnException} (ENOENT, EACCES, EISDIR) and no process. Whether the component's <em>user</em> may execute
 * it is only known after setpriv has switched users: a refusal then shows on the log pipe as a non-zero exit
 * (setpriv's own failures exit 1, 126 or 127).
 */
public final class Spawner implements AutoCloseable {

    private static final List<Path> SETPRIV_LOCATIONS =
            List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"), Path.of("/usr/local/bin/setpriv"));
    private static final Runnable STOP = () -> { };

    private final Launcher launcher;
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;
    private boolean closed; // guarded by this

    /**
     * A spawner using util-linux setpriv from its usual place.
     *
     * @throws IllegalStateException when setpriv is not installed
     */
    public Spawner() {
        this(locateSetpriv());
    }

    /** A spawner using the setpriv at {@code setpriv} (util-linux 2.33 or newer, for {@code --pdeathsig}). */
    public Spawner(Path setpriv) {
        if (!Files.isRegularFile(setpriv) || !Files.isExecutable(setpriv)) {
            throw new IllegalStateException(setpriv + " is not an executable file; configd needs util-linux setpriv"
                    + " there to start components.");
        }
        this.launcher = new Launcher(setpriv);
        this.thread = new Thread(this::serve, "configd-spawner");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Where util-linux setpriv is installed.
     *
     * @throws IllegalStateException when it is in none of the usual places
     */
    public static Path locateSetpriv() {
        return SETPRIV_LOCATIONS.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("util-linux setpriv was not found in " + SETPRIV_LOCATIONS
                        + "; install util-linux (it provides setpriv, which configd uses to start components)."));
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
        CompletableFuture<Child> result = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                result.completeExceptionally(new IllegalStateException("the spawner is closed"));
            } else {
                tasks.add(() -> launch(request, result));
            }
        }
        return result;
    }

    /**
     * Stops the spawner thread once the spawns already asked for are done. Every child it started receives SIGKILL
     * (setpriv's parent-death signal).
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
    private void launch(SpawnRequest request, CompletableFuture<Child> result) {
        try {
            result.complete(launcher.launch(request));
        } catch (Throwable failure) {
            result.completeExceptionally(failure);
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
