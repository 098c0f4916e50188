package org.configd.sdk;

import sun.misc.Signal;

/**
 * Routes SIGHUP to a callback. Without a handler the JVM treats SIGHUP like SIGTERM and exits, and configd sends
 * SIGHUP to every component whose settings or license changed.
 *
 * <p>Trap: a JVM started with SIGHUP ignored (nohup) installs the handler silently and never calls it; configd
 * starts components with every signal at its default, so this only matters for a component run by hand.
 */
final class Sighup {

    private Sighup() {
    }

    /** Installs the handler; false (and nothing installed) when the JVM refuses, e.g. under {@code -Xrs}. */
    static boolean handle(Runnable action) {
        try {
            Signal.handle(new Signal("HUP"), signal -> action.run());
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException refused) {
            return false;
        }
    }
}
