package org.configd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Compiles one of the module's C programs for a test, warnings as errors; skips the test where gcc is missing. */
final class Gcc {

    private Gcc() {
    }

    /** Compiles {@code src/main/c/NAME.c} into {@code dir/NAME} and returns that. */
    static Path compile(Path dir, String name, String... flags) throws Exception {
        Path program = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("gcc", "-O2", "-Wall", "-Wextra", "-Werror"));
        command.addAll(List.of(flags));
        command.addAll(List.of("-o", program.toString(), "src/main/c/" + name + ".c"));
        Process gcc;
        try {
            gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "gcc is not installed");
            return program;
        }
        String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, gcc.waitFor(), out);
        return program;
    }
}
