package org.configd.supervisor.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.configd.supervisor.config.StartMode;
import org.configd.supervisor.lifecycle.ExitPolicy.Reaction;
import org.configd.supervisor.spawn.ProcessEnd;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitPolicyTest {

    @ParameterizedTest(name = "{0} {1} ({2}) -> {3}")
    @CsvSource({
        "exit,   0,   ALWAYS,    RESTART_NOW",
        "exit,   1,   ALWAYS,    RESTART_WITH_BACKOFF",
        "exit,   101, ALWAYS,    WAIT_FOR_LICENSE",
        "exit,   102, ALWAYS,    WAIT_FOR_CONFIG",
        "exit,   103, ON_DEMAND, GO_IDLE",
        "exit,   103, ALWAYS,    RESTART_WITH_BACKOFF",
        "exit,   2,   ALWAYS,    RESTART_WITH_BACKOFF",
        "exit,   255, ON_DEMAND, RESTART_WITH_BACKOFF",
        "exit,   129, ALWAYS,    RESTART_NOW",
        "signal, 1,   ALWAYS,    RESTART_NOW",
        "signal, 9,   ALWAYS,    RESTART_WITH_BACKOFF",
        "signal, 11,  ON_DEMAND, RESTART_WITH_BACKOFF",
        "spawn,  2,   ALWAYS,    WAIT_FOR_CONFIG",
        "spawn,  13,  ALWAYS,    WAIT_FOR_CONFIG",
        "spawn,  0,   ALWAYS,    WAIT_FOR_CONFIG",
        "spawn,  11,  ALWAYS,    RESTART_WITH_BACKOFF",
        "spawn,  5,   ALWAYS,    RESTART_WITH_BACKOFF",
        "spawn,  110, ON_DEMAND, RESTART_WITH_BACKOFF",
    })
    void theTable(String kind, int value, StartMode mode, Reaction expected) {
        ProcessEnd end = switch (kind) {
            case "exit" -> new ProcessEnd.Exited(value);
            case "signal" -> new ProcessEnd.Killed(value, false);
            default -> new ProcessEnd.SpawnFailed(value, "No such file or directory");
        };
        assertEquals(expected, ExitPolicy.decide(end, mode).reaction());
    }
}
