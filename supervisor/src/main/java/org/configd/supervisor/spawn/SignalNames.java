package org.configd.supervisor.spawn;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Linux signal numbers and their names, as {@code kill -l} prints them: 1 ↔ {@code "SIGHUP"}, 34 ↔
 * {@code "SIGRTMIN"}, 35 ↔ {@code "SIGRTMIN+1"}. Signals 32 and 33 are glibc's own (threads); they are
 * {@code "SIG32"} and {@code "SIG33"}.
 */
public final class SignalNames {

    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGKILL = 9;
    public static final int SIGSEGV = 11;
    public static final int SIGTERM = 15;

    private static final int SIGRTMIN = 34;
    private static final int SIGRTMAX = 64;

    /** Index = signal number; the numbering of x86_64 and aarch64. */
    private static final List<String> CLASSIC = List.of("",
            "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
            "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
            "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
            "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS");

    private SignalNames() {
    }

    /** The name of {@code signal}, e.g. {@code "SIGKILL"}; {@code "signal 99"} for a number Linux does not have. */
    public static String name(int signal) {
        if (signal > 0 && signal < CLASSIC.size()) {
            return CLASSIC.get(signal);
        }
        if (signal == SIGRTMIN) {
            return "SIGRTMIN";
        }
        if (signal == SIGRTMAX) {
            return "SIGRTMAX";
        }
        if (signal > SIGRTMIN && signal < SIGRTMAX) {
            return "SIGRTMIN+" + (signal - SIGRTMIN);
        }
        if (signal == 32 || signal == 33) {
            return "SIG" + signal;
        }
        return "signal " + signal;
    }

    /**
     * The number of the signal named {@code name}: {@code "SIGTERM"}, {@code "TERM"} and {@code "term"} all give 15;
     * empty when no Linux signal has that name.
     */
    public static OptionalInt number(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        String full = upper.startsWith("SIG") ? upper : "SIG" + upper;
        for (int signal = 1; signal <= SIGRTMAX; signal++) {
            if (name(signal).equals(full)) {
                return OptionalInt.of(signal);
            }
        }
        return OptionalInt.empty();
    }
}
