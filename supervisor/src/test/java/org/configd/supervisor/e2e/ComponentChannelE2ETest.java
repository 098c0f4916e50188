package org.configd.supervisor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A component's own channel on fd 3: what it may ask, what it is told, and readiness. */
class ComponentChannelE2ETest extends E2ETest {

    List<JsonNode> records() {
        return bed.lines("probe.jsonl").stream().map(Status::parse).toList();
    }

    Optional<JsonNode> answer(long id) {
        return records().stream().filter(r -> r.path("id").asLong() == id).findFirst();
    }

    JsonNode awaitAnswer(long id) {
        Await.until(WAIT, () -> answer(id).isPresent(), () -> "the answer to request " + id + ": " + records());
        return answer(id).get();
    }

    @Test
    void aComponentReadsItsOwnSecretsReportsReadyAndStatusAndIsToldAboutReloads() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        bed.configure("""
                probe {
                  command = ["%s", "-cp", "%s", "%s", "%s"]
                  readiness = notify
                  start-timeout = 20s
                  secret-settings = ["token"]
                  settings { token = "t0ps3cret", mode = fast }
                }
                other { command = ["/bin/sleep", "1000"], secret-settings = ["key"], settings { key = hidden } }
                """.formatted(java, System.getProperty("java.class.path"), ChannelProbe.class.getName(),
                bed.dir.resolve("probe.jsonl")));
        try (RunningDaemon d = bed.start()) {
            JsonNode hello = awaitAnswer(1);
            assertEquals("component", hello.path("result").path("socket").asText());
            assertEquals("probe", hello.path("result").path("component").asText());

            JsonNode own = awaitAnswer(2).path("result");
            assertEquals("probe", own.path("component").asText());
            assertEquals("t0ps3cret", own.path("settings").path("token").asText(), "its own secrets");
            assertEquals("valid", awaitAnswer(3).path("result").path("state").asText());
            assertEquals("all", awaitAnswer(3).path("result").path("features").get(0).asText());
            assertTrue(awaitAnswer(4).path("ok").asBoolean());
            assertTrue(awaitAnswer(5).path("ok").asBoolean());
            assertEquals("forbidden", awaitAnswer(6).path("error").path("code").asText(), "reload is not for components");
            assertEquals("<redacted>", awaitAnswer(7).path("result").path("settings").path("key").asText(),
                    "another component's secrets stay hidden");

            Await.until(WAIT, () -> Status.state(d, "probe").equals("running"), "ready to make it running");
            assertEquals("probing", Status.of(d, "probe").path("status").asText());

            bed.write("conf.d/mode.conf", "components.probe.settings.mode = slow\n");
            assertEquals(0, d.ctl("reload").exit());
            Await.until(WAIT, () -> records().stream().anyMatch(r -> r.path("event").asText().equals("reload")),
                    "the reload event");
            JsonNode event = records().stream().filter(r -> r.path("event").asText().equals("reload")).findFirst().get();
            assertEquals(2, event.path("generation").asInt());
            assertEquals("slow", awaitAnswer(102).path("result").path("settings").path("mode").asText());
            assertEquals(2, awaitAnswer(102).path("result").path("generation").asInt());
        }
    }

    @Test
    void aNotifyComponentThatNeverSaysReadyIsRestartedAfterItsStartTimeout() throws Exception {
        bed.script("mute.sh", "echo $$ >> " + bed.dir + "/mute.pids\nexec sleep 1000");
        bed.configure("mute { command = [\"bin/mute.sh\"], readiness = notify, start-timeout = 1s }");
        try (RunningDaemon d = bed.start()) {
            assertEquals("starting", Status.state(d, "mute"));
            Await.until(WAIT, () -> bed.lines("mute.pids").size() >= 2, () -> "a second start; log:\n" + d.log());
            assertTrue(d.log().contains("did not report ready within 1s; stopping it to try again"), d.log());
        }
    }
}
