package org.configd.supervisor.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProcessSignalsTest {

    @Test
    void refusesTheIdsThatMeanEveryoneOrOurselves() {
        assertThrows(IllegalArgumentException.class, () -> ProcessSignals.signalGroup(1, SignalNames.SIGTERM));
        assertThrows(IllegalArgumentException.class, () -> ProcessSignals.signalGroup(0, SignalNames.SIGTERM));
        assertThrows(IllegalArgumentException.class, () -> ProcessSignals.signalProcess(0, SignalNames.SIGTERM));
        assertThrows(IllegalArgumentException.class, () -> ProcessSignals.signalProcess(-5, SignalNames.SIGTERM));
    }

    @Test
    void aBadSignalNumberIsAnErrorWithItsName() {
        PosixException refused = assertThrows(PosixException.class,
                () -> ProcessSignals.signalProcess((int) ProcessHandle.current().pid(), 999));

        assertEquals("EINVAL", refused.errnoName());
        assertEquals(
                "kill(" + ProcessHandle.current().pid() + ", signal 999): EINVAL (Invalid argument)",
                refused.getMessage());
    }
}
