package org.configd.supervisor.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WarmupTest {

    /**
     * The start-up rehearsal swallows its failures (a warm-up must never stop configd), so a change to the state
     * machine that left it stuck half-way would go unnoticed and the shutdown would run cold again.
     */
    @Test
    void supervisionRehearsalGoesThroughStartRestartAndShutdown() {
        assertTrue(Warmup.rehearseSupervision());
    }
}
