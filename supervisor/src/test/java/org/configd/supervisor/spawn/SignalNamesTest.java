package org.configd.supervisor.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class SignalNamesTest {

    @Test
    void namesSignalsAsKillDashLDoes() {
        assertEquals("SIGHUP", SignalNames.name(1));
        assertEquals("SIGKILL", SignalNames.name(9));
        assertEquals("SIGSYS", SignalNames.name(31));
        assertEquals("SIG32", SignalNames.name(32));
        assertEquals("SIGRTMIN", SignalNames.name(34));
        assertEquals("SIGRTMIN+1", SignalNames.name(35));
        assertEquals("SIGRTMAX", SignalNames.name(64));
        assertEquals("signal 65", SignalNames.name(65));
        assertEquals("signal 0", SignalNames.name(0));
    }

    @Test
    void findsNumbersByNameWithOrWithoutPrefix() {
        assertEquals(OptionalInt.of(15), SignalNames.number("SIGTERM"));
        assertEquals(OptionalInt.of(15), SignalNames.number("term"));
        assertEquals(OptionalInt.of(35), SignalNames.number("SIGRTMIN+1"));
        assertEquals(OptionalInt.empty(), SignalNames.number("SIGFOO"));
    }

    @Test
    void everyNumberRoundTrips() {
        for (int signal = 1; signal <= 64; signal++) {
            assertEquals(OptionalInt.of(signal), SignalNames.number(SignalNames.name(signal)));
        }
    }
}
