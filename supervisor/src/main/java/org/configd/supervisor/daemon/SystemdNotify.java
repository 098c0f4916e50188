package org.configd.supervisor.daemon;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;
import org.configd.supervisor.spawn.PosixException;

/**
 * The service manager's notification protocol (sd_notify(3)) without libsystemd: each message is one datagram
 * of newline-separated {@code KEY=value} assignments, sent to the UNIX datagram socket that {@code NOTIFY_SOCKET}
 * names. Without {@code NOTIFY_SOCKET} (an init script, a terminal) every call does nothing.
 *
 * <pre>
 * NOTIFY_SOCKET=/run/systemd/notify        a path:     sun_path = "/run/systemd/notify\0"
 * NOTIFY_SOCKET=@/org/freedesktop/…         abstract:   sun_path = "\0/org/freedesktop/…"  (no trailing NUL,
 *                                                        the address length ends the name)
 * datagram:     READY=1\nSTATUS=generation 3, 2 of 2 components up, license valid
 * </pre>
 *
 * <p>A socket is opened per message, as libsystemd does: messages are rare (start, reload, stop) and nothing is
 * held between them. The socket is blocking like libsystemd's: the manager drains its queue promptly, and a lost
 * {@code READY=1} would make it give up on configd. Thread-safe.
 */
public final class SystemdNotify {

    /** glibc's socket calls, and {@code clock_gettime} for {@code MONOTONIC_USEC}. */
    public interface Native {
        int socket(int domain, int type, int protocol);

        @ssize_t long sendto(int fd, @In byte[] buffer, @size_t long length, int flags, @In byte[] address,
                int addressLength);

        int close(int fd);

        int clock_gettime(int clock, @Out long[] timespec);
    }

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int CLOCK_MONOTONIC = 1;
    /** {@code sizeof(struct sockaddr_un)}: a 2-byte family, then 108 bytes of path. */
    private static final int SUN_PATH_OFFSET = 2;
    private static final int SUN_PATH_LENGTH = 108;

    private static final SystemdNotify DISABLED = new SystemdNotify(null, null);

    private final String socket;
    private final byte[] address;

    private SystemdNotify(String socket, byte[] address) {
        this.socket = socket;
        this.address = address;
    }

    /**
     * The notifier for {@code NOTIFY_SOCKET} in {@code environment}; one that does nothing when it is unset or
     * empty.
     *
     * @throws IllegalArgumentException when {@code NOTIFY_SOCKET} is set to something that is no UNIX socket
     *     address, with a message naming it
     */
    public static SystemdNotify fromEnvironment(Map<String, String> environment) {
        String socket = environment.get("NOTIFY_SOCKET");
        return socket == null || socket.isEmpty() ? DISABLED : to(socket);
    }

    /**
     * The notifier for one socket address: an absolute path, or {@code @name} for the abstract namespace.
     *
     * @throws IllegalArgumentException when {@code socket} is neither, or too long for a UNIX socket address
     */
    public static SystemdNotify to(String socket) {
        return new SystemdNotify(socket, sockaddr(socket));
    }

    /** Whether messages go anywhere. */
    public boolean enabled() {
        return address != null;
    }

    /** The socket address, as {@code NOTIFY_SOCKET} gave it. */
    public Optional<String> socket() {
        return Optional.ofNullable(socket);
    }

    /**
     * Sends one message, e.g. {@code "READY=1\nSTATUS=…"}; nothing when disabled.
     *
     * @throws PosixException when the datagram cannot be sent (the manager's socket is gone, say)
     */
    public void send(String message) throws PosixException {
        if (address == null) {
            return;
        }
        Native libc = Holder.LIBC;
        int fd = libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new PosixException("socket(AF_UNIX, SOCK_DGRAM)", Holder.RUNTIME.getLastError());
        }
        try {
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            if (libc.sendto(fd, bytes, bytes.length, MSG_NOSIGNAL, address, address.length) < 0) {
                throw new PosixException("sendto " + socket, Holder.RUNTIME.getLastError());
            }
        } finally {
            libc.close(fd);
        }
    }

    /**
     * {@code CLOCK_MONOTONIC} in microseconds: the clock of {@code MONOTONIC_USEC}, which a manager expects next
     * to {@code RELOADING=1}.
     */
    public static long monotonicMicros() {
        long[] timespec = new long[2];
        Holder.LIBC.clock_gettime(CLOCK_MONOTONIC, timespec);
        return timespec[0] * 1_000_000L + timespec[1] / 1_000L;
    }

    /** {@code struct sockaddr_un} for the address, cut to its used length as the kernel wants it. */
    private static byte[] sockaddr(String socket) {
        boolean isAbstract = socket.startsWith("@");
        if (!isAbstract && !socket.startsWith("/")) {
            throw new IllegalArgumentException("NOTIFY_SOCKET=" + socket + " is neither an absolute path nor an "
                    + "@abstract socket name; unset it, or let systemd set it (Type=notify)");
        }
        byte[] name = (isAbstract ? socket.substring(1) : socket).getBytes(StandardCharsets.UTF_8);
        // A path needs its terminating NUL inside sun_path; an abstract name needs the leading NUL instead.
        int pathLength = name.length + 1;
        if (pathLength > SUN_PATH_LENGTH) {
            throw new IllegalArgumentException("NOTIFY_SOCKET=" + socket + " is longer than a UNIX socket address "
                    + "may be (" + (SUN_PATH_LENGTH - 1) + " bytes)");
        }
        byte[] address = new byte[SUN_PATH_OFFSET + pathLength];
        // sa_family_t is a short in the machine's byte order.
        address[ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 0 : 1] = AF_UNIX;
        System.arraycopy(name, 0, address, SUN_PATH_OFFSET + (isAbstract ? 1 : 0), name.length);
        return address;
    }

    /** Loaded on the first message: configd outside systemd never binds anything. */
    private static final class Holder {
        static final Native LIBC = LibraryLoader.create(Native.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }
}
