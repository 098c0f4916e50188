package org.configd.supervisor.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What every end-to-end test has: a fresh test bed with a valid license, and waiting for a state. */
abstract class E2ETest {

    static final Duration WAIT = Duration.ofSeconds(20);

    TestBed bed;

    @BeforeEach
    void createTestBed() throws Exception {
        bed = TestBed.create().license("2099-12-31", "all");
    }

    @AfterEach
    void removeTestBed() throws Exception {
        bed.close();
    }

    /**
     * Polls the component's state until it is {@code state}. A poll that finds no status entry for it counts as
     * "not yet" (and is reported if the deadline passes): seen once in a fresh-clone run, right after a reload,
     * and never reproduced.
     */
    void awaitState(RunningDaemon d, String name, String state) {
        String[] last = {"no answer yet"};
        Await.until(WAIT, () -> {
            try {
                JsonNode entry = Status.of(d, name);
                last[0] = entry.toString();
                return entry.path("state").asText().equals(state);
            } catch (IllegalStateException e) {
                last[0] = e.getMessage();
                return false;
            }
        }, () -> name + " to be " + state + "; last status: " + last[0] + "\nlog:\n" + d.log());
    }
}
