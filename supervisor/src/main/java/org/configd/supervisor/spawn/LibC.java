package org.configd.supervisor.spawn;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.Variadic;
import jnr.ffi.types.size_t;
import jnr.ffi.byref.IntByReference;
import jnr.ffi.byref.PointerByReference;

/**
 * The few glibc functions that jnr-posix lacks or gets wrong for spawning: {@code posix_spawn} with its file actions
 * and attributes, {@code socketpair}, {@code pipe2}, {@code pidfd_open}, and the fd and process calls around them,
 * so that every errno comes from one binding; and the reentrant account lookups ({@link AccountDb}).
 *
 * <p>Trap: jnr-posix's own {@code posix_spawnp} cannot reset signal dispositions or the mask, has no close-from
 * action, searches the JVM's PATH and loses the error number; hence this binding. Strings are passed as
 * {@link Pointer}s built by {@link CStrings} so that their encoding is UTF-8 whatever the JVM's default charset is.
 * Needs glibc 2.34 or newer ({@code posix_spawn_file_actions_addclosefrom_np}).
 *
 * <p>Constants are the Linux values (identical on x86_64 and aarch64).
 */
public interface LibC {

    /** The loaded library; errno of the last call on this thread is {@code LibC.RUNTIME.getLastError()}. */
    LibC INSTANCE = LibraryLoader.create(LibC.class).load("c");
    /** The jnr-ffi runtime of {@link #INSTANCE}, for memory and errno. */
    Runtime RUNTIME = Runtime.getRuntime(INSTANCE);

    int EPERM = 1;
    int ENOENT = 2;
    int ESRCH = 3;
    int EINTR = 4;
    int EIO = 5;
    int EBADF = 9;
    int EAGAIN = 11;
    int ENOMEM = 12;
    int EACCES = 13;
    int ENOTDIR = 20;
    int EISDIR = 21;
    int EINVAL = 22;
    int ENFILE = 23;
    int EMFILE = 24;
    int ERANGE = 34;
    int ENOSYS = 38;
    int ETIMEDOUT = 110;

    int F_OK = 0;
    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_NONBLOCK = 0x800;
    int O_CLOEXEC = 0x80000;
    int F_GETFL = 3;
    int F_SETFL = 4;
    int AF_UNIX = 1;
    int SOCK_STREAM = 1;
    int SOCK_CLOEXEC = 0x80000;
    int WNOHANG = 1;
    short POSIX_SPAWN_SETSIGDEF = 0x04;
    short POSIX_SPAWN_SETSIGMASK = 0x08;
    short POSIX_SPAWN_SETSID = 0x80;
    /** The same number on every architecture (it is in the unified range of system calls). */
    long SYS_PIDFD_OPEN = 434;

    int posix_spawn(@Out IntByReference pid, Pointer path, Pointer fileActions, Pointer attributes,
                    Pointer argv, Pointer envp);

    int posix_spawn_file_actions_init(Pointer fileActions);

    int posix_spawn_file_actions_destroy(Pointer fileActions);

    int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);

    int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, Pointer path, int flags, int mode);

    int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int lowFd);

    int posix_spawn_file_actions_addchdir_np(Pointer fileActions, Pointer path);

    int posix_spawnattr_init(Pointer attributes);

    int posix_spawnattr_destroy(Pointer attributes);

    int posix_spawnattr_setflags(Pointer attributes, short flags);

    int posix_spawnattr_setsigmask(Pointer attributes, Pointer signalSet);

    int posix_spawnattr_setsigdefault(Pointer attributes, Pointer signalSet);

    int socketpair(int domain, int type, int protocol, @Out int[] fds);

    int pipe2(@Out int[] fds, int flags);

    /** Called through {@code syscall}: glibc has the {@code pidfd_open} wrapper only from 2.36 on. */
    @Variadic(fixedCount = 1)
    long syscall(long number, int pid, int flags);

    @Variadic(fixedCount = 2)
    int fcntl(int fd, int command, int argument);

    int close(int fd);

    int waitpid(int pid, @Out int[] status, int options);

    int kill(int pid, int signal);

    int geteuid();

    /** Whether {@code path} can be reached ({@link #F_OK}); -1 with errno set if not. */
    int access(Pointer path, int mode);

    /**
     * The groups {@code initgroups(user, group)} would set: the user's supplementary groups and {@code group}.
     * Returns the count, or -1 with {@code count} raised to the number needed when {@code groups} is too small.
     */
    int getgrouplist(Pointer user, int group, @Out int[] groups, IntByReference count);

    /** The reentrant account lookups ({@link AccountDb}): 0 with {@code result} NULL when there is no such entry. */
    int getpwnam_r(Pointer name, Pointer passwd, Pointer buffer, @size_t long size,
                   @Out PointerByReference result);

    int getpwuid_r(int uid, Pointer passwd, Pointer buffer, @size_t long size,
                   @Out PointerByReference result);

    int getgrnam_r(Pointer name, Pointer group, Pointer buffer, @size_t long size,
                   @Out PointerByReference result);

    int getgrgid_r(int gid, Pointer group, Pointer buffer, @size_t long size,
                   @Out PointerByReference result);

    String strerror(int errno);

    /** Gives the free memory at the top of glibc's heaps back to the system; 1 if some was released. */
    int malloc_trim(long pad);
}
