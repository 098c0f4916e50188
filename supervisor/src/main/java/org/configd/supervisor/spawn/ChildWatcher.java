package org.configd.supervisor.spawn;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;
import io.netty.util.concurrent.Future;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Reaps children on a Netty epoll event loop: no thread per child, no SIGCHLD handler, and no {@code waitpid(-1)}
 * that could steal another library's child.
 *
 * <p>A child's pidfd becomes readable (level-triggered) when the process has ended; then, on the loop,
 * {@code waitpid(pid, WNOHANG)} collects its status, the registration is cancelled, the pidfd closed, and the
 * callback receives the decoded {@link ProcessEnd}.
 */
public final class ChildWatcher {

    private static final Logger LOG = LogManager.getLogger(ChildWatcher.class);

    private ChildWatcher() {
    }

    /**
     * Watches {@code child} until it ends, then calls {@code onEnd} on {@code loop}'s thread. Takes over
     * {@code child.pidfd()}, which is closed once the child is reaped (or when the loop shuts down first).
     * {@code onEnd} is not called when the loop shuts down first, nor when something else reaped the child (a bug,
     * logged as an error).
     *
     * @param loop  an event loop of a group made with {@code EpollIoHandler.newFactory()}
     * @return completes once the pidfd is registered; fails when the loop refused it (it is shutting down), in
     *         which case the pidfd is closed and the child is not reaped
     */
    public static Future<IoRegistration> watch(IoEventLoop loop, Child child, Consumer<ProcessEnd> onEnd) {
        if (!loop.isCompatible(PidfdHandle.class)) {
            throw new IllegalArgumentException("children are reaped on an epoll event loop, not on " + loop);
        }
        PidfdHandle handle = new PidfdHandle(child, Objects.requireNonNull(onEnd, "onEnd"));
        Future<IoRegistration> registered;
        try {
            registered = loop.register(handle);
        } catch (RejectedExecutionException shuttingDown) {
            handle.close();
            return loop.newFailedFuture(shuttingDown);
        }
        registered.addListener(done -> {
            if (done.isSuccess()) {
                registered.getNow().submit(EpollIoOps.EPOLLIN);
            } else {
                handle.close();
            }
        });
        return registered;
    }

    /** One child's pidfd on the event loop. */
    private static final class PidfdHandle implements EpollIoHandle {

        private final int pid;
        private final FileDescriptor pidfd;
        private final Consumer<ProcessEnd> onEnd;

        PidfdHandle(Child child, Consumer<ProcessEnd> onEnd) {
            this.pid = child.pid();
            this.pidfd = new FileDescriptor(child.pidfd());
            this.onEnd = onEnd;
        }

        @Override
        public FileDescriptor fd() {
            return pidfd;
        }

        @Override
        public void handle(IoRegistration registration, IoEvent event) {
            int[] status = new int[1];
            int reaped;
            int errno;
            do {
                reaped = LibC.INSTANCE.waitpid(pid, status, LibC.WNOHANG);
                errno = reaped < 0 ? PosixException.lastErrno() : 0;
            } while (errno == LibC.EINTR);
            if (reaped == 0) {
                return; // not ended after all; level-triggered epoll tells us again when it has
            }
            // Cancel while the fd is still open, so that epoll forgets it before the number can be reused.
            registration.cancel();
            close();
            // Trap: an exception thrown from here makes Netty's loop sleep a whole second; report instead.
            if (reaped < 0) {
                LOG.error("Child {} ended but could not be reaped: {}. Something else in configd reaped it"
                        + " (a waitpid(-1) or SIGCHLD ignored), so how it ended is unknown.",
                        pid, new PosixException("waitpid", errno).getMessage());
                return;
            }
            try {
                onEnd.accept(ProcessEnd.fromWaitStatus(status[0]));
            } catch (RuntimeException e) {
                LOG.error("Handling the end of child {} failed", pid, e);
            }
        }

        @Override
        public void close() {
            try {
                pidfd.close();
            } catch (IOException e) {
                // Linux releases the descriptor even when close reports an error.
            }
        }
    }
}
