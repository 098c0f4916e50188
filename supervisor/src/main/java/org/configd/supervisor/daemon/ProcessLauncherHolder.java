package org.configd.supervisor.daemon;

import org.configd.supervisor.lifecycle.Launcher;

/**
 * Breaks the construction cycle between the supervisor (which needs a launcher) and the launcher (which
 * reports to the supervisor and needs the IPC server, which needs the supervisor's ops).
 */
final class ProcessLauncherHolder implements Launcher {

    private Launcher target;

    void set(Launcher launcher) {
        this.target = launcher;
    }

    @Override
    public void launch(String name, long launch) {
        target.launch(name, launch);
    }

    @Override
    public void signalGroup(int pid, int signal) {
        target.signalGroup(pid, signal);
    }

    @Override
    public void signalProcess(int pid, int signal) {
        target.signalProcess(pid, signal);
    }

    @Override
    public void sendReload(String name, long generation) {
        target.sendReload(name, generation);
    }
}
