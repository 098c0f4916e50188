package org.configd.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import org.configd.supervisor.e2e.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The long-running service: a new greeting applied on the fly, a new port by a restart. */
class GreeterTest {

    private static String greeter(int port, String greeting, String audience) {
        return "greeter { command = " + SampleDaemon.command("greeter") + ", settings { port = " + port
                + ", greeting = " + SampleDaemon.quote(greeting) + ", audience = " + SampleDaemon.quote(audience)
                + " } }";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** What the greeter answers on {@code port}, or null while nothing listens there. */
    private static String greeting(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            try (InputStream in = s.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
        } catch (IOException notYet) {
            return null;
        }
    }

    private static void awaitGreeting(int port, String expected) {
        String[] last = new String[1];
        Await.until(SampleDaemon.DEADLINE, () -> expected.equals(last[0] = greeting(port)),
                () -> "\"" + expected + "\" on port " + port + "; the last answer was " + last[0]);
    }

    @Test
    void appliesANewGreetingOnTheFlyNeverMixingGenerationsAndRestartsForANewPort(@TempDir Path dir)
            throws Exception {
        int port = freePort();
        try (SampleDaemon configd = SampleDaemon.start(dir, greeter(port, "Hello", "world"))) {
            long pid = configd.awaitRunning("greeter");
            awaitGreeting(port, "Hello, world!");

            // A SIGHUP that brings nothing new: the SDK handles it (the JVM's default would end the process).
            SampleDaemon.kill("HUP", pid);

            // Reloads in quick succession, each changing both halves of the answer together.
            for (int i = 2; i <= 5; i++) {
                configd.reconfigure(greeter(port, "g" + i, "a" + i));
            }
            awaitGreeting(port, "g5, a5!");
            assertEquals(pid, configd.status("greeter").path("pid").asLong(), "applied on the fly, no restart");
            List<Matcher> applied = configd.componentLines("greeter",
                    "now greeting with \"g(\\d+), a(\\d+)!\" \\(generation (\\d+)\\)");
            assertFalse(applied.isEmpty(), configd.log());
            long generation = 1;
            for (Matcher m : applied) {
                assertEquals(m.group(1), m.group(2), "one generation's greeting and audience: " + m.group());
                assertTrue(Long.parseLong(m.group(3)) > generation, "generations only rise: " + m.group());
                generation = Long.parseLong(m.group(3));
            }
            assertEquals("5", applied.get(applied.size() - 1).group(1));

            // The port cannot change on the fly: exit 0, and configd starts it again at once.
            int newPort = freePort();
            configd.reconfigure(greeter(newPort, "g5", "a5"));
            JsonNode restarted = configd.await("greeter", "restarted", s -> s.path("state").asText().equals("running")
                    && s.path("pid").asLong() != pid);
            assertEquals(0, restarted.path("last-exit").path("code").asInt(-1), restarted.toString());
            awaitGreeting(newPort, "g5, a5!");
            assertNotEquals(pid, restarted.path("pid").asLong());
            configd.awaitLog("the settings of generation 6 cannot be applied on the fly; exiting 0");
        }
    }
}
