package org.configd.supervisor.daemon;

import jnr.ffi.LibraryLoader;
import sun.misc.Signal;

/**
 * Routes configd's signals to plain callbacks (which post events to the supervision loop; nothing else may
 * run in a signal handler thread, and nothing may be spawned from it: a child's parent-death signal is tied
 * to the thread that spawned it).
 *
 * <p>Trap: when the JVM starts with a signal ignored (nohup, some init systems), {@code Signal.handle}
 * silently installs nothing. The disposition is therefore reset natively first. Handling TERM replaces the
 * JVM's own handler, so shutdown hooks do not run: configd exits explicitly.
 */
final class SignalHandlers {

    /** glibc's {@code signal(2)}; the handler is a function pointer, SIG_DFL is 0 and SIG_IGN is 1. */
    public interface Native {
        long signal(int signum, long handler);
    }

    private static final long SIG_DFL = 0;
    private static final long SIG_IGN = 1;

    private SignalHandlers() {}

    static void handle(String name, int number, Runnable action) {
        unignore(number);
        Signal.handle(new Signal(name), signal -> action.run());
    }

    private static void unignore(int number) {
        Native libc = Holder.LIBC;
        long previous = libc.signal(number, SIG_DFL);
        if (previous != SIG_IGN) {
            libc.signal(number, previous);
        }
    }

    private static final class Holder {
        static final Native LIBC = LibraryLoader.create(Native.class).load("c");
    }
}
