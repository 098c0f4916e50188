package org.configd.supervisor.e2e;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/** Waits for a condition with a deadline, polling; never a fixed sleep standing in for synchronisation. */
public final class Await {

    private Await() {}

    public static void until(Duration deadline, BooleanSupplier condition, Supplier<String> whatWeWaitedFor) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionFailedError("timed out after " + deadline.toMillis() + " ms waiting for "
                        + whatWeWaitedFor.get());
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    public static void until(Duration deadline, BooleanSupplier condition, String whatWeWaitedFor) {
        until(deadline, condition, () -> whatWeWaitedFor);
    }
}
