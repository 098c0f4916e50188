package org.configd.sdk;

import java.util.function.Supplier;

/**
 * Turns configd's reload signals into calls of the component's {@link ReloadListener}.
 *
 * <p>configd announces one reload twice, with SIGHUP and with a {@code reload} event; signals that arrive while a
 * fetch is under way fold into one more fetch. Each fetch is a single {@code config.get}, whose answer is one
 * generation, and the listener is called only for a generation newer than the one in force: so it sees every
 * change once, and never a mix of two generations.
 *
 * <p>Without a listener, new settings cannot be applied, so a new generation makes the component exit 0 and configd
 * restarts it with them.
 */
final class Reloader {

    private final Object lock = new Object();
    private final Exiter exiter;
    private final Log log;
    private boolean signalled; // guarded by lock
    private volatile ReloadListener listener;
    private volatile Settings current;

    Reloader(Exiter exiter, Log log) {
        this.exiter = exiter;
        this.log = log;
    }

    /** configd signalled a reload (SIGHUP or the event). Never blocks: safe on a signal or reader thread. */
    void signal() {
        synchronized (lock) {
            signalled = true;
            lock.notifyAll();
        }
    }

    /** Starts serving signals, with {@code initial} in force; {@code fetch} reads the settings again. */
    void start(Settings initial, Supplier<Settings> fetch) {
        current = initial;
        Thread thread = new Thread(() -> serve(fetch), "configd-reload");
        thread.setDaemon(true);
        thread.start();
    }

    void listen(ReloadListener value) {
        listener = value;
    }

    /** The settings in force: the last generation a listener applied. */
    Settings current() {
        return current;
    }

    private void serve(Supplier<Settings> fetch) {
        while (awaitSignal()) {
            Settings next;
            try {
                next = fetch.get();
            } catch (ConfigdException e) {
                if (ConfigdException.UNREACHABLE.equals(e.code())) {
                    return; // the connection's own loss handler reports that, once
                }
                log.warning("cannot read my new settings: " + e.getMessage() + "; keeping generation "
                        + current.generation());
                continue;
            }
            if (next.generation() > current.generation() && !deliver(next)) {
                return;
            }
        }
    }

    private boolean awaitSignal() {
        synchronized (lock) {
            while (!signalled) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    return false;
                }
            }
            signalled = false;
            return true;
        }
    }

    /** Calls the listener; false when the component exits instead. */
    private boolean deliver(Settings next) {
        ReloadListener l = listener;
        String generation = "generation " + next.generation();
        if (l == null) {
            return exit(Exit.RESTART, () -> log.notice("my settings changed (" + generation + ") and I apply none"
                    + " on the fly; exiting 0 so that configd restarts me with them"));
        }
        Reload outcome;
        try {
            outcome = l.reload(current, next);
        } catch (SettingsException e) {
            return exit(Exit.BAD_CONFIG, () -> log.error(e.getMessage()));
        } catch (RuntimeException e) {
            return exit(Exit.SOFTWARE, () -> log.error("the reload listener failed on " + generation, e));
        }
        if (outcome == Reload.RESTART) {
            return exit(Exit.RESTART, () -> log.notice("the settings of " + generation + " cannot be applied on the"
                    + " fly; exiting 0 so that configd restarts me with them"));
        }
        current = next;
        return true;
    }

    private boolean exit(int status, Runnable say) {
        say.run();
        exiter.exit(status);
        return false;
    }
}
