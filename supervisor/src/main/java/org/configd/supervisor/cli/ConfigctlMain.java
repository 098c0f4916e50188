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

    private ConfigctlMain() {}

    public static void main(String[] args) {
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

    private static Charset stdoutCharset() {
        String encoding = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        try {
            return encoding == null ? Charset.defaultCharset() : Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }
}
