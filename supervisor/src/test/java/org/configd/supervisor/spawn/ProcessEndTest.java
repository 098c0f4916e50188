package org.configd.supervisor.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProcessEndTest {

    @Test
    void decodesAnExit() {
        assertEquals(new ProcessEnd.Exited(0), ProcessEnd.fromWaitStatus(0x0000));
        assertEquals(new ProcessEnd.Exited(1), ProcessEnd.fromWaitStatus(0x0100));
        assertEquals(new ProcessEnd.Exited(255), ProcessEnd.fromWaitStatus(0xff00));
    }

    @Test
    void decodesASignalDeathWithAndWithoutCore() {
        assertEquals(new ProcessEnd.Killed(9, false), ProcessEnd.fromWaitStatus(0x0009));
        assertEquals(new ProcessEnd.Killed(11, true), ProcessEnd.fromWaitStatus(0x008b));
        assertEquals(new ProcessEnd.Killed(64, false), ProcessEnd.fromWaitStatus(0x0040));
    }

    @Test
    void refusesStoppedAndContinuedStatuses() {
        assertThrows(IllegalArgumentException.class, () -> ProcessEnd.fromWaitStatus(0x137f)); // stopped by SIGSTOP
        assertThrows(IllegalArgumentException.class, () -> ProcessEnd.fromWaitStatus(0xffff)); // continued
    }

    @Test
    void describesEachEndInOnePhrase() {
        assertEquals("exited with code 1", new ProcessEnd.Exited(1).describe());
        assertEquals("killed by SIGKILL", new ProcessEnd.Killed(9, false).describe());
        assertEquals("killed by SIGSEGV (core dumped)", new ProcessEnd.Killed(11, true).describe());
        assertEquals("could not be started: /opt/x/bin/foo: No such file or directory",
                new ProcessEnd.SpawnFailed(2, "/opt/x/bin/foo: No such file or directory").describe());
        assertEquals("ENOENT", new ProcessEnd.SpawnFailed(2, "x").errnoName());
    }

    @Test
    void refusesImpossibleValues() {
        assertThrows(IllegalArgumentException.class, () -> new ProcessEnd.Exited(256));
        assertThrows(IllegalArgumentException.class, () -> new ProcessEnd.Killed(0, false));
    }
}
