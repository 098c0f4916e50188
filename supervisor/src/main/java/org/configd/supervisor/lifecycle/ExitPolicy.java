package org.configd.supervisor.lifecycle;

import java.util.Map;
import java.util.Set;
import org.configd.supervisor.config.StartMode;
import org.configd.supervisor.spawn.LibC;
import org.configd.supervisor.spawn.ProcessEnd;

/**
 * What configd does when a component's process ends on its own. This class is the whole policy: one table
 * from how it ended to what that means and what happens next. (A process that ends after configd asked it to
 * stop is not decided here: that ending was expected.)
 *
 * <pre>
 * how it ended           meaning                                          reaction
 * exit 0                 new settings cannot be applied on the fly       restart at once
 * exit 1                 cannot reach configd, or protocol error         restart with backoff, show last lines
 * exit 101               the license does not allow it to run            wait for a license change
 * exit 102               its configuration is unusable                   wait for a configuration change
 * exit 103, on-demand    idle time limit reached                         idle until acquired
 * exit 103, always-on    idle exit of a component that must stay up      crash: restart with backoff
 * killed by SIGHUP       it has no SIGHUP handler                        restart at once (a script reloads so)
 * exit 129               the same, reported the JVM's way (128 + SIGHUP) restart at once
 * other code, signal     crash                                           restart with backoff, show last lines
 * cannot be spawned      its command cannot be started                   wait for a configuration change
 * cannot be spawned now  the system or the account database did not     restart with backoff
 *   (EAGAIN, ENOMEM,     answer (a process or file limit, a directory
 *   EMFILE, EIO, ...)    service down)
 * </pre>
 */
public final class ExitPolicy {

    /** What happens next. */
    public enum Reaction {
        RESTART_NOW,
        RESTART_WITH_BACKOFF,
        WAIT_FOR_LICENSE,
        WAIT_FOR_CONFIG,
        GO_IDLE
    }

    /** How a process ended, in the policy's terms. */
    public enum Ending {
        CLEAN_EXIT,
        PROTOCOL_ERROR,
        LICENSE_FORBIDS,
        BAD_CONFIG,
        IDLE_ON_DEMAND,
        IDLE_ALWAYS_ON,
        NO_HUP_HANDLER,
        CRASH,
        SPAWN_FAILED,
        SPAWN_FAILED_FOR_NOW
    }

    /**
     * One row of the table.
     *
     * @param meaning       what the ending means, in the operator's words
     * @param reaction      what configd does next
     * @param showLastLines whether the log record repeats the component's last stderr lines
     */
    public record Decision(Ending ending, String meaning, Reaction reaction, boolean showLastLines) {}

    public static final int EXIT_PROTOCOL = 1;
    public static final int EXIT_LICENSE = 101;
    public static final int EXIT_CONFIG = 102;
    public static final int EXIT_IDLE = 103;
    /** How a JVM (and some runtimes) exit on a signal they do not handle: 128 + the signal's number. */
    public static final int EXIT_JVM_SIGHUP = 128 + 1;
    private static final int SIGHUP = 1;

    private static final Map<Ending, Decision> TABLE = Map.of(
            Ending.CLEAN_EXIT, row(Ending.CLEAN_EXIT,
                    "new settings cannot be applied on the fly", Reaction.RESTART_NOW, false),
            Ending.PROTOCOL_ERROR, row(Ending.PROTOCOL_ERROR,
                    "cannot reach configd, or protocol error", Reaction.RESTART_WITH_BACKOFF, true),
            Ending.LICENSE_FORBIDS, row(Ending.LICENSE_FORBIDS,
                    "the license does not allow it to run", Reaction.WAIT_FOR_LICENSE, true),
            Ending.BAD_CONFIG, row(Ending.BAD_CONFIG,
                    "its configuration is unusable", Reaction.WAIT_FOR_CONFIG, true),
            Ending.IDLE_ON_DEMAND, row(Ending.IDLE_ON_DEMAND,
                    "idle time limit reached", Reaction.GO_IDLE, false),
            Ending.IDLE_ALWAYS_ON, row(Ending.IDLE_ALWAYS_ON,
                    "exit 103 (idle) is only for on-demand components: treated as a crash",
                    Reaction.RESTART_WITH_BACKOFF, true),
            Ending.NO_HUP_HANDLER, row(Ending.NO_HUP_HANDLER,
                    "it has no SIGHUP handler, so it reloads by restarting", Reaction.RESTART_NOW, false),
            Ending.CRASH, row(Ending.CRASH,
                    "crash", Reaction.RESTART_WITH_BACKOFF, true),
            Ending.SPAWN_FAILED, row(Ending.SPAWN_FAILED,
                    "its command cannot be started", Reaction.WAIT_FOR_CONFIG, false),
            Ending.SPAWN_FAILED_FOR_NOW, row(Ending.SPAWN_FAILED_FOR_NOW,
                    "the system or the account database did not answer", Reaction.RESTART_WITH_BACKOFF, false));

    /**
     * The errors of a spawn that a later try may not meet: limits of processes, memory or descriptors, an I/O error,
     * a directory service that timed out. Waiting for a configuration change would park the component for nothing.
     */
    private static final Set<Integer> FOR_NOW = Set.of(LibC.EINTR, LibC.EIO, LibC.EAGAIN, LibC.ENOMEM, LibC.ENFILE,
            LibC.EMFILE, LibC.ETIMEDOUT);

    private ExitPolicy() {}

    private static Decision row(Ending ending, String meaning, Reaction reaction, boolean showLastLines) {
        return new Decision(ending, meaning, reaction, showLastLines);
    }

    /** The decision for a process of a component started in {@code mode} that ended as {@code end}. */
    public static Decision decide(ProcessEnd end, StartMode mode) {
        return TABLE.get(classify(end, mode));
    }

    static Ending classify(ProcessEnd end, StartMode mode) {
        if (end instanceof ProcessEnd.SpawnFailed failed) {
            return FOR_NOW.contains(failed.errno()) ? Ending.SPAWN_FAILED_FOR_NOW : Ending.SPAWN_FAILED;
        }
        if (end instanceof ProcessEnd.Killed killed) {
            return killed.signal() == SIGHUP ? Ending.NO_HUP_HANDLER : Ending.CRASH;
        }
        int code = ((ProcessEnd.Exited) end).code();
        switch (code) {
            case 0:
                return Ending.CLEAN_EXIT;
            case EXIT_PROTOCOL:
                return Ending.PROTOCOL_ERROR;
            case EXIT_LICENSE:
                return Ending.LICENSE_FORBIDS;
            case EXIT_CONFIG:
                return Ending.BAD_CONFIG;
            case EXIT_IDLE:
                return mode == StartMode.ON_DEMAND ? Ending.IDLE_ON_DEMAND : Ending.IDLE_ALWAYS_ON;
            case EXIT_JVM_SIGHUP:
                return Ending.NO_HUP_HANDLER;
            default:
                return Ending.CRASH;
        }
    }
}
