package org.configd.supervisor.lifecycle;

/**
 * The supervisor's hands: everything it does to real processes. The real one spawns through the spawner
 * thread and reports back with {@link Supervisor#spawned} and {@link Supervisor#ended}; tests use a fake.
 */
public interface Launcher {

    /**
     * Starts a process for the component. Exactly one of these follows on the supervision thread:
     * {@code spawned(name, launch, pid)} and later {@code ended(name, launch, ...)}, or {@code ended} with a
     * spawn failure.
     */
    void launch(String name, long launch);

    /** Sends a signal to the process group led by {@code pid}; a group already gone is not an error. */
    void signalGroup(int pid, int signal);

    /** Sends a signal to one process; a process already gone is not an error. */
    void signalProcess(int pid, int signal);

    /** Pushes a {@code reload} event on the component's channel, if it has one open. */
    void sendReload(String name, long generation);
}
