package org.configd.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Small helper commands the harness runs to their end (mkfifo, for {@link Stamps}). */
final class Processes {

    private Processes() {}

    /** Runs {@code command} to its end and returns its output (stdout and stderr); fails on a non-zero exit. */
    static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed with exit " + p.exitValue() + ": " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
        return out;
    }
}
