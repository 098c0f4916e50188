package org.configd.supervisor.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DaemonClientTest {

    /**
     * configctl's codec warm-up swallows its failures (a warm-up must never fail a command), so a change to the
     * protocol that made it throw half-way would go unnoticed and the codec would load on the main thread again.
     */
    @Test
    void codecRehearsalReadsBackTheResponseItEncoded() {
        assertTrue(DaemonClient.rehearseCodec());
    }
}
