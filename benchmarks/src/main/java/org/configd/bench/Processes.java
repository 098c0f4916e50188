package org.configd.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helper commands the harness runs to their end (mkfifo, for {@link Stamps}), and what it reads in /proc. */
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
