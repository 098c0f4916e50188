package org.configd.sdk;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** An exiter that records the first status instead of ending the test's JVM. */
final class RecordingExiter implements Exiter {

    private final CompletableFuture<Integer> first = new CompletableFuture<>();

    @Override
    public void exit(int status) {
        first.complete(status);
    }

    /** The first status, waiting up to {@code seconds}. */
    int await(long seconds) throws Exception {
        return first.get(seconds, TimeUnit.SECONDS);
    }

    boolean exited() {
        return first.isDone();
    }
}
