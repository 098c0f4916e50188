package org.configd.supervisor.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The machine's account database as {@code getent} prints it: one array of colon-separated fields per entry. */
public final class Getent {

    private Getent() {}

    public static List<String[]> entries(String database) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("getent", database).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "getent " + database + " failed (its stderr is in the test's output)");
        List<String[]> entries = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                entries.add(line.split(":", -1));
            }
        }
        return entries;
    }
}
