package org.configd.supervisor.spawn;

/**
 * A started component process and the three descriptors configd keeps for it. The caller owns and closes them;
 * {@link ChildWatcher#watch} takes over the pidfd.
 *
 * @param pid       the process id; also its process group and session id
 * @param pidfd     a pidfd of the process (close-on-exec), readable once it has ended
 * @param channelFd configd's end of the component channel (the child has the other end on fd 3); non-blocking,
 *                  close-on-exec
 * @param outputFd  the read end of the pipe that carries the child's stderr (and stdout unless it goes to
 *                  /dev/null); non-blocking, close-on-exec
 */
public record Child(int pid, int pidfd, int channelFd, int outputFd) {
}
