package org.configd.supervisor.spawn;

import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.List;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.byref.IntByReference;

/**
 * One call of glibc's {@code posix_spawn} with the file actions and attributes every component gets:
 *
 * <pre>
 *   fd 0  /dev/null (read only)
 *   fd 1  the log pipe, or /dev/null (write only) when stdout is not logged
 *   fd 2  the log pipe
 *   fd 3  the child's end of the component channel
 *   fd 4+ closed (closefrom)
 *   cwd   the working directory
 *   own session and process group (SETSID), empty signal mask, every signal 1..64 back to its default
 * </pre>
 *
 * <p>Traps: glibc's {@code sigfillset} leaves out signals 32 and 33, which then arrive ignored in the child, so the
 * default set is filled by hand; every JVM thread blocks SIGQUIT, and a child inherits that unless the mask is
 * reset. The sources of the dup2 actions must be 3 or above (the caller ensures it), or an earlier action would
 * overwrite a later one's source.
 */
final class PosixSpawn {

    /** Generous: glibc's posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336 on x86_64. */
    private static final int OPAQUE_STRUCT_SIZE = 512;
    /** glibc's sigset_t: 1024 bits. */
    private static final int SIGSET_SIZE = 128;
    private static final int FIRST_CLOSED_FD = 4;
    /** Never changed after this, and held for good by these fields (so never freed). */
    private static final Pointer DEV_NULL = CStrings.of("/dev/null");
    private static final Pointer EMPTY_MASK = Memory.allocateDirect(LibC.RUNTIME, SIGSET_SIZE, true);
    private static final Pointer EVERY_SIGNAL = Memory.allocateDirect(LibC.RUNTIME, SIGSET_SIZE, true);

    static {
        EVERY_SIGNAL.putLong(0, -1L); // bit n-1 is signal n: signals 1..64, including 32 and 33
    }

    private PosixSpawn() {
    }

    /**
     * Starts {@code program} with {@code argv}, and the request's environment, working directory and stdout choice.
     *
     * @param program        what is executed: configd-exec or setpriv, which then executes the request's command
     * @param outputWriteEnd the log pipe's write end, for fds 1 and 2
     * @param channelEnd     the child's end of the component channel, for fd 3
     * @return the new process's id
     * @throws SpawnException when glibc refuses or the program could not be executed
     */
    static int spawn(Path program, List<String> argv, SpawnRequest request, int outputWriteEnd, int channelEnd)
            throws SpawnException {
        LibC libc = LibC.INSTANCE;
        // One block for both opaque structures: each of jnr's allocations is a malloc and a finalizable object.
        Pointer block = Memory.allocateDirect(LibC.RUNTIME, 2 * OPAQUE_STRUCT_SIZE, true);
        Pointer actions = block.slice(0, OPAQUE_STRUCT_SIZE);
        Pointer attributes = block.slice(OPAQUE_STRUCT_SIZE, OPAQUE_STRUCT_SIZE);
        check(libc.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
        try {
            check(libc.posix_spawnattr_init(attributes), "posix_spawnattr_init");
            try {
                Pointer directory = CStrings.of(request.workingDirectory().toString());
                addFileActions(actions, directory, request.stdoutToLog(), outputWriteEnd, channelEnd);
                setAttributes(attributes);

                Pointer path = CStrings.of(program.toString());
                Pointer arguments = CStrings.array(argv);
                Pointer variables = CStrings.array(request.environmentEntries());
                IntByReference pid = new IntByReference();
                int error = libc.posix_spawn(pid, path, actions, attributes, arguments, variables);
                Reference.reachabilityFence(directory);
                Reference.reachabilityFence(path);
                Reference.reachabilityFence(arguments);
                Reference.reachabilityFence(variables);
                if (error != 0) {
                    throw SpawnException.of(error, request.command().get(0) + " (through " + program
                            + ", in " + request.workingDirectory() + ")");
                }
                return pid.intValue();
            } finally {
                libc.posix_spawnattr_destroy(attributes);
            }
        } finally {
            libc.posix_spawn_file_actions_destroy(actions);
            Reference.reachabilityFence(block);
        }
    }

    private static void addFileActions(Pointer actions, Pointer directory, boolean stdoutToLog, int outputWriteEnd,
                                       int channelEnd) throws SpawnException {
        LibC libc = LibC.INSTANCE;
        checkAction(libc.posix_spawn_file_actions_addopen(actions, 0, DEV_NULL, LibC.O_RDONLY, 0), "addopen");
        if (stdoutToLog) {
            checkAction(libc.posix_spawn_file_actions_adddup2(actions, outputWriteEnd, 1), "adddup2");
        } else {
            checkAction(libc.posix_spawn_file_actions_addopen(actions, 1, DEV_NULL, LibC.O_WRONLY, 0), "addopen");
        }
        checkAction(libc.posix_spawn_file_actions_adddup2(actions, outputWriteEnd, 2), "adddup2");
        checkAction(libc.posix_spawn_file_actions_adddup2(actions, channelEnd, 3), "adddup2");
        checkAction(libc.posix_spawn_file_actions_addclosefrom_np(actions, FIRST_CLOSED_FD), "addclosefrom_np");
        checkAction(libc.posix_spawn_file_actions_addchdir_np(actions, directory), "addchdir_np");
    }

    private static void setAttributes(Pointer attributes) throws SpawnException {
        LibC libc = LibC.INSTANCE;
        short flags = (short) (LibC.POSIX_SPAWN_SETSID | LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF);
        check(libc.posix_spawnattr_setflags(attributes, flags), "posix_spawnattr_setflags");
        check(libc.posix_spawnattr_setsigmask(attributes, EMPTY_MASK), "posix_spawnattr_setsigmask");
        check(libc.posix_spawnattr_setsigdefault(attributes, EVERY_SIGNAL), "posix_spawnattr_setsigdefault");
    }

    private static void checkAction(int error, String action) throws SpawnException {
        check(error, "posix_spawn_file_actions_" + action);
    }

    /** The posix_spawn functions return an error number instead of setting errno. */
    private static void check(int error, String call) throws SpawnException {
        if (error != 0) {
            throw SpawnException.of(error, call);
        }
    }
}
