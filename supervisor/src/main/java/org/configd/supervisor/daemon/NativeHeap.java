package org.configd.supervisor.daemon;

import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;
import org.configd.supervisor.spawn.LibC;

/**
 * Hands freed native memory back to the system. The JIT compilers and class loading of start-up borrow tens
 * of MiB from glibc's malloc arenas and free them again, but glibc keeps freed arena memory mapped: without a
 * trim, an idle configd would stay about 25 MiB larger than it needs to be. (JDK 21 has
 * {@code -XX:TrimNativeHeapInterval} for this; configd runs on 17.)
 */
final class NativeHeap {

    private NativeHeap() {}

    /**
     * Trims right after start-up (most of the JIT's start-up work is done within seconds), again once the
     * rest has settled, and then every ten minutes; a trim takes well under a millisecond.
     */
    static void trimPeriodically(EventLoop loop) {
        loop.schedule(NativeHeap::trim, 3, TimeUnit.SECONDS);
        loop.schedule(NativeHeap::trim, 30, TimeUnit.SECONDS);
        loop.scheduleAtFixedRate(NativeHeap::trim, 10, 10, TimeUnit.MINUTES);
    }

    static void trim() {
        LibC.INSTANCE.malloc_trim(0);
    }
}
