package org.configd.supervisor.spawn;

import java.io.IOException;
import java.util.Objects;

/**
 * A component could not be started; {@link #failure()} is the {@link ProcessEnd} to record for it.
 */
public final class SpawnException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient ProcessEnd.SpawnFailed failure;

    public SpawnException(ProcessEnd.SpawnFailed failure) {
        super(Objects.requireNonNull(failure, "failure").reason());
        this.failure = failure;
    }

    /** Builds the exception from an errno: the reason is {@code "<subject>: <strerror(errno)>"}. */
    static SpawnException of(int errno, String subject) {
        return new SpawnException(new ProcessEnd.SpawnFailed(errno, subject + ": " + PosixException.text(errno)));
    }

    /** Why it failed, as the end of the process that never ran. */
    public ProcessEnd.SpawnFailed failure() {
        return failure;
    }
}
