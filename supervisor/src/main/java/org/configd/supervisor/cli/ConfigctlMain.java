package org.configd.supervisor.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/** The entry point of {@code configctl}. */
public final class ConfigctlMain {

    private ConfigctlMain() {}

    public static void main(String[] args) {
        PrintStream out = bufferedStdout();
        int status = new Configctl(out, System.err, System.getenv()).run(args);
        out.flush();
        System.exit(status);
    }

    /**
     * System.out flushes at every print, and a formatted table prints piece by piece: a status of 50 components
     * was 3 700 one-byte writes, a fifth of configctl's run time. Everything configctl prints is flushed at exit,
     * and {@code log -f} flushes after each batch itself.
     */
    private static PrintStream bufferedStdout() {
        String encoding = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        Charset charset;
        try {
            charset = encoding == null ? Charset.defaultCharset() : Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            charset = Charset.defaultCharset();
        }
        return new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 16 * 1024), false,
                charset);
    }
}
