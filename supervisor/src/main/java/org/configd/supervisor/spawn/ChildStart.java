package org.configd.supervisor.spawn;

/**
 * How the spawner thread makes a component's process, chosen once when configd starts: in configd's own process
 * ({@link NativeSpawn}, one exec), or through configd-exec or util-linux setpriv ({@link ThroughHelper}, two).
 * Either way the component gets the same descriptors, session, signals, user and parent-death signal
 * ({@link Spawner}).
 */
public sealed interface ChildStart permits NativeSpawn, ThroughHelper {

    /**
     * Starts {@code request}'s command with the log pipe on fds 1 and 2 and the channel on fd 3.
     *
     * @param outputWrite  the log pipe's write end, 3 or above
     * @param channelChild the child's end of the component channel, 3 or above
     * @return the new process's id, to be reaped by the caller
     * @throws SpawnException when no process was left running: the program or the directory could not be reached
     */
    int start(SpawnRequest request, int outputWrite, int channelChild) throws SpawnException;

    /**
     * Does ahead of the first start what would otherwise slow it (binding a native library), on the spawner thread
     * as soon as it runs. Never throws: a problem shows again, and is reported, at the first start.
     */
    default void prepare() {
    }
}
