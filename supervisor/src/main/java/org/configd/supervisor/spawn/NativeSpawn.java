package org.configd.supervisor.spawn;

import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;

import org.apache.logging.log4j.LogManager;

/**
 * Components started from inside configd by its spawn library, {@code libconfigd-spawn.so}
 * ({@code src/main/c/configd-spawn.c}): a vfork-style child sets up the descriptors, session, signals, user and
 * parent-death signal and executes the component: one exec, where posix_spawn and configd-exec take two (the second
 * cost 0.5-0.65 ms of every restart on the benchmark machine).
 *
 * <p>Failures before the switch of users come back as a {@link SpawnException} with no process left, as
 * posix_spawn's do; later ones (the switch refused, the exec refused) show as the process's exit code 1, 126 or 127
 * with one sentence on its log pipe, as configd-exec's do.
 */
final class NativeSpawn implements ChildStart {

    /** The library's one function; see configd-spawn.c for the contract. */
    public interface Library {
        int configd_spawn(Pointer path, Pointer argv, Pointer envp, Pointer directory, int stdoutFd, int stderrFd,
                          int channelFd, int switchUser, int uid, int gid, @In int[] groups, int groupCount,
                          @Out int[] failure);
    }

    /** The library's failure stages, by number (enum stage in configd-spawn.c). */
    private static final List<String> STAGES = List.of("", "mmap of the child's stack", "clone", "setsid",
            "open of /dev/null", "dup2", "close_range", "chdir", "descriptors or ids refused", "signal set-up",
            "fcntl F_SETFD");
    private static final int STAGE_CLOSE_RANGE = 6;
    private static final int[] NO_GROUPS = new int[0];

    private final Path file;
    private final Optional<ThroughHelper> fallback;
    /** Loaded on the spawner thread as soon as it runs ({@link #prepare}), else at the first start; null until then. */
    private Library library;
    /** Set when the library could not be used: every start goes there. */
    private ChildStart fallenBackTo;

    /**
     * Starts components with the library in {@code file}, loaded by {@link #prepare} or the first start; should
     * that fail, through {@code fallback}.
     */
    NativeSpawn(Path file, Optional<ThroughHelper> fallback) {
        this.file = file;
        this.fallback = fallback;
    }

    @Override
    public void prepare() {
        try {
            usable();
        } catch (SpawnException e) { // every start will fail so: say it once now, before any component's name
            LogManager.getLogger(NativeSpawn.class).error(e.getMessage());
        }
    }

    /**
     * Whether the library is loaded; false when the starts go to the fallback. A library that will not load is
     * tried once when there is a fallback, and then left alone.
     *
     * @throws SpawnException when it will not load and there is no fallback
     */
    private synchronized boolean usable() throws SpawnException {
        if (library == null && fallenBackTo == null) {
            try {
                library = LibraryLoader.create(Library.class).failImmediately().load(file.toString());
            } catch (LinkageError e) {
                String why = firstLine(e.getMessage()); // jnr goes on with every path it searched
                if (fallback.isEmpty()) {
                    throw new SpawnException(new ProcessEnd.SpawnFailed(0, "configd's spawn library " + file
                            + " cannot be loaded (" + why + ") and neither configd-exec nor setpriv is there;"
                            + " install util-linux, or build configd on this system"));
                }
                fallBack("it cannot be loaded: " + why);
            }
        }
        return fallenBackTo == null;
    }

    private synchronized void fallBack(String why) {
        fallenBackTo = fallback.orElseThrow();
        LogManager.getLogger(NativeSpawn.class).warn("configd's spawn library {} is not used ({}); components start"
                + " through {} instead, which costs one exec more each.", file, why, fallenBackTo);
    }

    @Override
    public int start(SpawnRequest request, int outputWrite, int channelChild) throws SpawnException {
        if (!usable()) {
            return fallenBackTo.start(request, outputWrite, channelChild);
        }
        String program = request.command().get(0);
        Pointer path = CStrings.of(program);
        Pointer argv = CStrings.array(request.command());
        Pointer envp = CStrings.array(request.environmentEntries());
        Pointer directory = CStrings.of(request.workingDirectory().toString());
        RunAs user = request.runAs().orElse(null);
        int[] groups = user == null ? NO_GROUPS : user.groups().stream().mapToInt(Integer::intValue).toArray();
        int[] failure = new int[2];
        int pid = library.configd_spawn(path, argv, envp, directory, request.stdoutToLog() ? outputWrite : -1,
                outputWrite, channelChild, user == null ? 0 : 1, user == null ? 0 : user.uid(),
                user == null ? 0 : user.gid(), groups, groups.length, failure);
        Reference.reachabilityFence(path);
        Reference.reachabilityFence(argv);
        Reference.reachabilityFence(envp);
        Reference.reachabilityFence(directory);
        if (pid < 0 && failure[0] == STAGE_CLOSE_RANGE && (failure[1] == LibC.ENOSYS || failure[1] == LibC.EPERM)
                && fallback.isPresent()) {
            // A kernel before 5.9, or a seccomp filter that refuses close_range: glibc's posix_spawn does without.
            fallBack("close_range is refused: " + PosixException.text(failure[1]));
            return fallenBackTo.start(request, outputWrite, channelChild);
        }
        if (pid < 0) {
            String stage = failure[0] > 0 && failure[0] < STAGES.size() ? STAGES.get(failure[0]) : "spawn";
            throw SpawnException.of(failure[1], program + " (" + stage + ", in " + request.workingDirectory()
                    + ")");
        }
        return pid;
    }

    private static String firstLine(String text) {
        String all = String.valueOf(text);
        int end = all.indexOf('\n');
        return end < 0 ? all : all.substring(0, end);
    }

    @Override
    public synchronized String toString() {
        return "configd's spawn library " + file + (fallenBackTo == null ? "" : ", fallen back to " + fallenBackTo);
    }
}
