package org.configd.supervisor.spawn;

/** Placeholder until the spawn package lands: how a process ended. */
public sealed interface ProcessEnd {
    record Exited(int code) implements ProcessEnd {
        public String describe() { return "exited with code " + code; }
    }
    record Killed(int signal, boolean coreDumped) implements ProcessEnd {
        public String describe() { return "killed by signal " + signal; }
    }
    record SpawnFailed(int errno, String reason) implements ProcessEnd {
        public String describe() { return "could not be started: " + reason; }
    }
    String describe();
}
