package org.configd.supervisor.daemon;

import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;
import org.configd.supervisor.spawn.LibC;

/**
 * Hands freed native memory back to the system. The JIT compilers and class loading of start-up borrow tens
 * of MiB from glibc's malloc arenas and free them again, but glibc keeps freed arena memory mapped: without a
 * trim, an idle configd stays 25 to 40 MiB larger than it needs to be. (JDK 21 has
 * {@code -XX:TrimNativeHeapInterval} for this; configd runs on 17.)
 */
final class NativeHeap {

    private NativeHeap() {}

    /**
     * Trims every five seconds: the JIT keeps borrowing and returning memory for a while after start-up, and a
     * trim of an idle heap costs microseconds.
     */
    static void trimPeriodically(EventLoop loop) {
        loop.scheduleAtFixedRate(NativeHeap::trim, 5, 5, TimeUnit.SECONDS);
    }

    static void trim() {
        LibC.INSTANCE.malloc_trim(0);
    }
}
