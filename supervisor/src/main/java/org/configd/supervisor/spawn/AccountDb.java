package org.configd.supervisor.spawn;

import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.byref.PointerByReference;

/**
 * Users and groups as the C library's account database has them (/etc/passwd, /etc/group, NSS), through the
 * reentrant {@code getpwnam_r} family, each entry copied out before the call returns.
 *
 * <p>Why not jnr-posix's {@code getpwnam}: it calls the C library's non-reentrant function, whose answer lives in
 * one static buffer per process, and reads the fields from that buffer only when asked. configd looks accounts up on
 * more than one thread (the spawner for a component's user, the supervision loop checking a reloaded configuration,
 * the IPC loop for a peer of the control socket), and two lookups at once can swap answers: root's uid read as
 * 65534 in a test of two threads. Binding jnr-posix also cost 0.3-0.5 s of CPU in any configuration that names a
 * user.
 *
 * <p>The layouts are glibc's on 64-bit Linux (x86_64 and aarch64 alike).
 */
public final class AccountDb {

    /** A user: its login name, uid and primary gid. */
    public record User(String name, int uid, int gid) {}

    /** A group: its name, gid and the users the database lists as its members. */
    public record Group(String name, int gid, List<String> members) {}

    // struct passwd { char *pw_name; char *pw_passwd; uid_t pw_uid; gid_t pw_gid; char *pw_gecos, *pw_dir, *pw_shell; }
    private static final int PASSWD_SIZE = 48;
    private static final int PW_NAME = 0;
    private static final int PW_UID = 16;
    private static final int PW_GID = 20;
    // struct group { char *gr_name; char *gr_passwd; gid_t gr_gid; char **gr_mem; }
    private static final int GROUP_SIZE = 32;
    private static final int GR_NAME = 0;
    private static final int GR_GID = 16;
    private static final int GR_MEM = 24;

    /** glibc's own start for these buffers; a group with many members needs more, and gets it by doubling. */
    private static final int FIRST_BUFFER = 1024;
    private static final int LARGEST_BUFFER = 1 << 24;

    private AccountDb() {}

    public static Optional<User> user(String name) throws PosixException {
        return user(name, FIRST_BUFFER);
    }

    /** With a first buffer of {@code firstBuffer} bytes, so that a test can make it grow. */
    static Optional<User> user(String name, int firstBuffer) throws PosixException {
        return byName("user", name, PASSWD_SIZE, firstBuffer, LibC.INSTANCE::getpwnam_r, AccountDb::user);
    }

    public static Optional<User> user(int uid) throws PosixException {
        return lookup("uid " + Integer.toUnsignedString(uid), PASSWD_SIZE, FIRST_BUFFER, null,
                (entry, buf, size, result) -> LibC.INSTANCE.getpwuid_r(uid, entry, buf, size, result),
                AccountDb::user);
    }

    public static Optional<Group> group(String name) throws PosixException {
        return byName("group", name, GROUP_SIZE, FIRST_BUFFER, LibC.INSTANCE::getgrnam_r, AccountDb::group);
    }

    public static Optional<Group> group(int gid) throws PosixException {
        return lookup("gid " + Integer.toUnsignedString(gid), GROUP_SIZE, FIRST_BUFFER, null,
                (entry, buf, size, result) -> LibC.INSTANCE.getgrgid_r(gid, entry, buf, size, result),
                AccountDb::group);
    }

    /** One of the four {@code _r} calls: the entry, its string buffer and the result pointer given. */
    private interface ReentrantCall {
        int call(Pointer entry, Pointer buffer, long size, PointerByReference result);
    }

    /** {@code getpwnam_r} or {@code getgrnam_r}: a {@link ReentrantCall} that also takes the name. */
    private interface ByNameCall {
        int call(Pointer name, Pointer entry, Pointer buffer, long size, PointerByReference result);
    }

    private static <T> Optional<T> byName(String kind, String name, int entrySize, int firstBuffer, ByNameCall call,
                                          Function<Pointer, T> read) throws PosixException {
        Pointer cName = CStrings.of(name);
        return lookup(kind + " '" + name + "'", entrySize, firstBuffer, cName,
                (entry, buf, size, result) -> call.call(cName, entry, buf, size, result), read);
    }

    /**
     * The entry, read into Java, or empty when there is no such account; the buffer grows until the entry fits.
     * {@code name} is the native string the call passes, kept reachable until the call has returned (or null).
     */
    private static <T> Optional<T> lookup(String what, int entrySize, int firstBuffer, Pointer name,
                                          ReentrantCall call, Function<Pointer, T> read) throws PosixException {
        try {
            Pointer entry = Memory.allocateDirect(LibC.RUNTIME, entrySize, true);
            for (int size = firstBuffer; ; size *= 2) {
                Pointer buffer = Memory.allocateDirect(LibC.RUNTIME, size);
                PointerByReference result = new PointerByReference();
                int error = call.call(entry, buffer, size, result);
                if (error == LibC.ERANGE && size < LARGEST_BUFFER) {
                    continue;
                }
                if (error == 0 && result.getValue() != null) {
                    try {
                        return Optional.of(read.apply(entry));
                    } finally {
                        Reference.reachabilityFence(buffer); // the entry's strings live in it
                        Reference.reachabilityFence(entry);
                    }
                }
                if (error == 0 || notFound(error)) {
                    return Optional.empty();
                }
                throw new PosixException("looking up the " + what, error);
            }
        } finally {
            Reference.reachabilityFence(name);
        }
    }

    /**
     * The errors the manual page lists as "the given name or id was not found" (some NSS modules give them). glibc
     * also gives ENOENT when an NSS service is not there at all (no nscd or sssd socket), which thus reads as "no
     * such account", as it did with the non-reentrant calls.
     */
    private static boolean notFound(int error) {
        return error == LibC.ENOENT || error == LibC.ESRCH || error == LibC.EBADF || error == LibC.EPERM;
    }

    private static User user(Pointer passwd) {
        return new User(string(passwd.getPointer(PW_NAME)), passwd.getInt(PW_UID), passwd.getInt(PW_GID));
    }

    private static Group group(Pointer group) {
        List<String> members = new ArrayList<>();
        Pointer mem = group.getPointer(GR_MEM);
        int slot = LibC.RUNTIME.addressSize();
        for (long i = 0; mem != null; i += slot) {
            Pointer member = mem.getPointer(i);
            if (member == null) {
                break;
            }
            members.add(string(member));
        }
        return new Group(string(group.getPointer(GR_NAME)), group.getInt(GR_GID), List.copyOf(members));
    }

    private static String string(Pointer p) {
        return p == null ? "" : p.getString(0, Integer.MAX_VALUE, StandardCharsets.UTF_8);
    }
}
