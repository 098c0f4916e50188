package org.configd.supervisor.e2e;

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

    void awaitState(RunningDaemon d, String name, String state) {
        Await.until(WAIT, () -> Status.state(d, name).equals(state),
                () -> name + " to be " + state + "; status: " + Status.of(d, name) + "\nlog:\n" + d.log());
    }
}
