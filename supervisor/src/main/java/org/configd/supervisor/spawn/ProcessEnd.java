package org.configd.supervisor.spawn;

import java.util.Objects;

/**
 * How a component's process ended: it exited with a code, a signal killed it, or it could not be started at all.
 */
public sealed interface ProcessEnd {

    /** The process called {@code exit(code)}; {@code code} is 0–255. */
    record Exited(int code) implements ProcessEnd {
        public Exited {
            if (code < 0 || code > 255) {
                throw new IllegalArgumentException("an exit code is 0-255, not " + code);
            }
        }

        @Override
        public String describe() {
            return "exited with code " + code;
        }
    }

    /** A signal killed the process; {@code coreDumped} when the kernel also wrote a core dump. */
    record Killed(int signal, boolean coreDumped) implements ProcessEnd {
        public Killed {
            if (signal <= 0) {
                throw new IllegalArgumentException("a signal number is positive, not " + signal);
            }
        }

        @Override
        public String describe() {
            return "killed by " + SignalNames.name(signal) + (coreDumped ? " (core dumped)" : "");
        }
    }

    /**
     * The process could not be started: {@code errno} says why ({@code ENOENT}, {@code EACCES}, ...) and
     * {@code reason} says it for the operator, e.g. {@code "/opt/x/bin/foo: No such file or directory"}.
     */
    record SpawnFailed(int errno, String reason) implements ProcessEnd {
        public SpawnFailed {
            Objects.requireNonNull(reason, "reason");
        }

        /** The symbolic name of {@link #errno()}, e.g. {@code "ENOENT"}. */
        public String errnoName() {
            return PosixException.name(errno);
        }

        @Override
        public String describe() {
            return "could not be started: " + reason;
        }
    }

    /**
     * One phrase for the log: {@code "exited with code 1"}, {@code "killed by SIGKILL"},
     * {@code "killed by SIGSEGV (core dumped)"}, {@code "could not be started: /opt/x/bin/foo: No such file or
     * directory"}.
     */
    String describe();

    /**
     * Decodes a status from {@code waitpid} (the bit layout of Linux's {@code WIFEXITED}/{@code WTERMSIG} macros).
     *
     * @throws IllegalArgumentException for a stopped or continued status, which configd never asks for
     */
    static ProcessEnd fromWaitStatus(int status) {
        int low = status & 0x7f;
        if (low == 0) {
            return new Exited((status >> 8) & 0xff);
        }
        if (low != 0x7f && (status & 0xffff) != 0xffff) {
            return new Killed(low, (status & 0x80) != 0);
        }
        throw new IllegalArgumentException("wait status 0x" + Integer.toHexString(status)
                + " is a stopped or continued process, not an ended one");
    }
}
