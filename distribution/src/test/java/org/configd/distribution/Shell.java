package org.configd.distribution;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the shipped scripts as real processes, with the JDK running the tests as their Java. Output goes through
 * files, not pipes: a daemon started by a script must not hold a pipe the test waits on.
 */
final class Shell {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** What one command printed and returned. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path scratch;
    private final Map<String, String> env = new HashMap<>();
    private File directory;

    Shell(Path scratch) {
        this.scratch = scratch;
        env.put("JAVA_HOME", System.getProperty("java.home"));
    }

    /** Runs every later command in {@code dir}. */
    Shell in(Path dir) {
        directory = dir.toFile();
        return this;
    }

    /** Sets a variable for every later command. */
    Shell set(String name, String value) {
        env.put(name, value);
        return this;
    }

    Result run(String... command) throws IOException, InterruptedException {
        return run(List.of(command));
    }

    Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(scratch, "out", ".txt");
        Path err = Files.createTempFile(scratch, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(new File("/dev/null")).directory(directory);
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish within " + TIMEOUT.toSeconds() + " s:\n"
                    + Files.readString(out) + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Starts a long-running command, its output in {@code console}. */
    Process start(Path console, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile())
                .redirectInput(new File("/dev/null"));
        pb.environment().putAll(env);
        return pb.start();
    }
}
