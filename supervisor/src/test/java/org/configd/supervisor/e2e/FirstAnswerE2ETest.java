package org.configd.supervisor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.configd.protocol.Message;
import org.configd.protocol.Response;
import org.junit.jupiter.api.Test;

/**
 * The sockets serve before the components have started, and from the first answer on configd knows every
 * configured component: a status, or a start, sent the moment the socket accepts must not be told that a
 * configured component does not exist.
 */
class FirstAnswerE2ETest extends E2ETest {

    /** Enough that taking them in keeps the supervision loop busy for a while after the sockets serve. */
    private static final int COMPONENTS = 200;

    @Test
    void theFirstStatusAndTheFirstStartKnowEveryConfiguredComponent() throws Exception {
        StringBuilder fleet = new StringBuilder();
        for (int i = 1; i <= COMPONENTS; i++) {
            fleet.append("c").append(i).append(" { command = [\"/bin/sleep\", \"1000\"] }\n");
        }
        bed.configure(fleet.toString());
        try (RunningDaemon d = bed.launch();
             RawClient info = connectAsSoonAsItAccepts(d, bed.runDir.resolve("info.sock"));
             RawClient control = connectAsSoonAsItAccepts(d, bed.runDir.resolve("control.sock"))) {
            // Each request right behind its hello, without waiting for the hello's answer.
            Message status = afterHello(info, "status", JsonNodeFactory.instance.objectNode());
            Message start = afterHello(control, "component.start",
                    JsonNodeFactory.instance.objectNode().put("component", "c" + COMPONENTS));

            assertTrue(status instanceof Response r && r.ok(), status.toString());
            List<String> names = new ArrayList<>();
            for (JsonNode c : ((Response) status).result().path("components")) {
                names.add(c.path("name").asText());
            }
            assertEquals(COMPONENTS, names.size(), "the first status lists every configured component: " + names);
            assertTrue(start instanceof Response r && r.ok(), "the first start finds its component: " + start);
        }
    }

    private static Message afterHello(RawClient client, String op, ObjectNode args) throws Exception {
        client.send("hello", JsonNodeFactory.instance.objectNode().put("protocol", 1).put("client", "first/1"));
        client.send(op, args);
        Message hello = client.next().orElseThrow();
        assertTrue(hello instanceof Response r && r.ok(), hello.toString());
        return client.next().orElseThrow();
    }

    /** Connects the moment configd accepts on {@code socket}: no pause between attempts, or the moment is missed. */
    private static RawClient connectAsSoonAsItAccepts(RunningDaemon d, Path socket) throws IOException {
        long end = System.nanoTime() + RunningDaemon.START_DEADLINE.toNanos();
        while (true) {
            try {
                return new RawClient(socket);
            } catch (IOException notYet) {
                if (System.nanoTime() > end || !d.process.isAlive()) {
                    throw new IOException("configd did not accept on " + socket + " within "
                            + Duration.ofNanos(RunningDaemon.START_DEADLINE.toNanos()).toSeconds() + " s; console:\n"
                            + d.consoleText(), notYet);
                }
                Thread.onSpinWait();
            }
        }
    }
}
