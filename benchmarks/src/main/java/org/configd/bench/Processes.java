package org.configd.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Commands the harness runs to their end (mkfifo, for {@link Stamps}; the status queries it times), and what it
 * reads in /proc. */
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

    /**
     * Runs {@code pb} with its output discarded and returns its wall time, from the process's creation to its exit, in
     * ms; fails on a non-zero exit. This harness's own start of a process (~2 ms here) is part of the time.
     */
    static double timed(ProcessBuilder pb) throws IOException, InterruptedException {
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        long t0 = System.nanoTime();
        Process p = pb.start();
        int exit = p.waitFor();
        long t1 = System.nanoTime();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", pb.command()) + " exited with " + exit);
        }
        return (t1 - t0) / 1e6;
    }

    /**
     * The fields {@code keys} of a /proc file of {@code Key:  N kB} lines (status, smaps_rollup), in KiB; a key the
     * file does not have is left out.
     */
    static Map<String, Long> kibFields(Path file, List<String> keys) throws IOException {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            for (String key : keys) {
                if (line.startsWith(key + ":")) {
                    m.put(key, Long.parseLong(line.substring(key.length() + 1).replace("kB", "").trim()));
                }
            }
        }
        return m;
    }
}
