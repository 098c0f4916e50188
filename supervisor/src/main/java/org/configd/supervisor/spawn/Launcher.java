package org.configd.supervisor.spawn;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts one child on the calling thread (the {@link Spawner}'s): makes the log pipe and the component channel,
 * starts the command with them ({@link ChildStart}), opens its pidfd, and leaves configd with exactly its three
 * descriptors. On every failure path each descriptor opened here is closed again.
 */
final class Launcher {

    private static final int FIRST_FREE_FD = 3;

    private final ChildStart start;

    Launcher(ChildStart start) {
        this.start = start;
    }

    Child launch(SpawnRequest request) throws SpawnException {
        CommandResolver.requireExecutable(Path.of(request.command().get(0)));
        requireDirectory(request.workingDirectory());
        int outputRead = -1;
        int outputWrite = -1;
        int channelParent = -1;
        int channelChild = -1;
        boolean started = false;
        try {
            int[] output = Fds.pipe();
            outputRead = output[0];
            outputWrite = output[1];
            int[] channel = Fds.socketpair();
            channelParent = channel[0];
            channelChild = channel[1];
            requireStdioOpen(outputWrite, channelChild);
            Fds.setNonBlocking(outputRead);
            Fds.setNonBlocking(channelParent);
            int pid = start.start(request, outputWrite, channelChild);
            int pidfd = pidfdOrKill(pid);
            started = true;
            return new Child(pid, pidfd, channelParent, outputRead);
        } catch (PosixException e) {
            throw new SpawnException(new ProcessEnd.SpawnFailed(e.errno(), e.getMessage()));
        } finally {
            Fds.closeIfOpened(outputWrite);
            Fds.closeIfOpened(channelChild);
            if (!started) {
                Fds.closeIfOpened(outputRead);
                Fds.closeIfOpened(channelParent);
            }
        }
    }

    private static void requireDirectory(Path directory) throws SpawnException {
        if (!Files.isDirectory(directory)) {
            int errno = Files.exists(directory) ? LibC.ENOTDIR : LibC.ENOENT;
            throw SpawnException.of(errno, "working directory " + directory);
        }
    }

    /**
     * Trap: a new descriptor below 3 means configd was started with stdin, stdout or stderr closed; the child's
     * dup2 actions would then overwrite each other's sources.
     */
    private static void requireStdioOpen(int... fds) {
        for (int fd : fds) {
            if (fd < FIRST_FREE_FD) {
                throw new IllegalStateException("configd was started with stdin, stdout or stderr closed;"
                        + " start it with all three open (/dev/null will do)");
            }
        }
    }

    /** Without its pidfd a child cannot be reaped, so it must not live on. */
    private static int pidfdOrKill(int pid) throws PosixException {
        try {
            return Fds.pidfdOpen(pid);
        } catch (PosixException e) {
            LibC.INSTANCE.kill(pid, SignalNames.SIGKILL);
            LibC.INSTANCE.waitpid(pid, new int[1], 0);
            throw e;
        }
    }
}
