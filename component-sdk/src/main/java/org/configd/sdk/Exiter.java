package org.configd.sdk;

/**
 * How the SDK ends the process. Production code uses {@link #SYSTEM}; the SDK's own tests substitute one that
 * records the status, so that they can watch an exit without losing their JVM.
 */
@FunctionalInterface
interface Exiter {

    /**
     * {@link Runtime#exit}: shutdown hooks run, then the process ends. Called again while the JVM is already
     * shutting down, it blocks for good, which is what a thread that wanted to exit should do then.
     */
    Exiter SYSTEM = status -> Runtime.getRuntime().exit(status);

    /** Ends the process with {@code status}; only a test's exiter returns. */
    void exit(int status);
}
