package org.configd.supervisor.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/** The entry point of {@code configctl}. */
public final class ConfigctlMain {

    /** The property the JDK reads before it looks for a SelectorProvider as a service. */
    private static final String PROVIDER_PROPERTY = "java.nio.channels.spi.SelectorProvider";
    /** The JDK's own provider on Linux, the one the search ends with. */
    private static final String PLATFORM_PROVIDER = "sun.nio.ch.EPollSelectorProvider";

    private ConfigctlMain() {}

    public static void main(String[] args) {
        skipProviderSearch();
        Charset charset = stdoutCharset();
        PrintStream out = new PrintStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 16 * 1024), false, charset);
        PrintStream err = new PrintStream(new FlushingFirst(new FileOutputStream(FileDescriptor.err), out), true,
                charset);
        int status;
        try {
            status = new Configctl(out, err, System.getenv()).run(args);
        } finally {
            out.flush();
        }
        System.exit(status);
    }

    /**
     * System.out flushes at every print, and a formatted table prints piece by piece: a status of 50 components
     * was 3 700 one-byte writes, a fifth of configctl's run time. So stdout is buffered, flushed at exit (and by
     * {@code log -f} after each batch); stderr flushes it before each message, so that the two keep their order
     * on a terminal (a license's summary, then why it does not verify).
     */
    private static final class FlushingFirst extends FilterOutputStream {
        private final PrintStream before;

        FlushingFirst(OutputStream target, PrintStream before) {
            super(target);
            this.before = before;
        }

        @Override
        public void write(int b) throws IOException {
            before.flush();
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            before.flush();
            out.write(b, off, len);
        }
    }

    /**
     * configctl's first channel asks the JDK for its SelectorProvider, which the JDK first looks for as a service in
     * every jar on the class path: that opened all two dozen of configctl's jars, ~25 ms of a ~150 ms run. Naming
     * the JDK's own provider skips the search; a JDK without it keeps searching, and an operator's choice stands.
     */
    private static void skipProviderSearch() {
        if (System.getProperty(PROVIDER_PROPERTY) != null) {
            return;
        }
        try {
            Class.forName(PLATFORM_PROVIDER, false, null);
            System.setProperty(PROVIDER_PROPERTY, PLATFORM_PROVIDER);
        } catch (ClassNotFoundException e) {
            // another JDK or platform: the search finds its provider
        }
    }

    private static Charset stdoutCharset() {
        String encoding = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        try {
            return encoding == null ? Charset.defaultCharset() : Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }
}
