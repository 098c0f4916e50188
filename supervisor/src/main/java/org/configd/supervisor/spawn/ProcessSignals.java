package org.configd.supervisor.spawn;

/**
 * Sends signals to components. A process (group) that is already gone is an answer, not an error.
 */
public final class ProcessSignals {

    private ProcessSignals() {
    }

    /**
     * Sends {@code signal} to every process in the process group {@code pgid} (a component's pid: it is spawned in
     * its own session and group).
     *
     * @return false when no process is left in the group (ESRCH)
     * @throws PosixException when the kernel refuses (EPERM)
     */
    public static boolean signalGroup(int pgid, int signal) throws PosixException {
        // Trap: kill(-1) is not "group 1" but every process configd may signal.
        if (pgid <= 1) {
            throw new IllegalArgumentException("a process group to signal is above 1, not " + pgid);
        }
        return send(-pgid, signal, "kill(-" + pgid + ", " + SignalNames.name(signal) + ")");
    }

    /**
     * Sends {@code signal} to the process {@code pid} alone.
     *
     * @return false when the process is gone (ESRCH)
     * @throws PosixException when the kernel refuses (EPERM)
     */
    public static boolean signalProcess(int pid, int signal) throws PosixException {
        // Trap: kill(0) would signal configd's own group.
        if (pid <= 0) {
            throw new IllegalArgumentException("a pid to signal is positive, not " + pid);
        }
        return send(pid, signal, "kill(" + pid + ", " + SignalNames.name(signal) + ")");
    }

    private static boolean send(int target, int signal, String call) throws PosixException {
        if (LibC.INSTANCE.kill(target, signal) == 0) {
            return true;
        }
        int errno = PosixException.lastErrno();
        if (errno == LibC.ESRCH) {
            return false;
        }
        throw new PosixException(call, errno);
    }
}
