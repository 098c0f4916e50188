package org.configd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private static final List<String> KNOWN = List.of("restart", "memory");

    @Test
    void scenariosNamedOnTheCommandLineAreTheOnlyOnesSelected() throws Exception {
        Options o = Options.parse(new String[] {"--component", "c", "--work", "/tmp/w", "memory"}, KNOWN);
        assertTrue(o.selected("memory"));
        assertFalse(o.selected("restart"));
        assertEquals(10, o.repeat(10));
    }

    @Test
    void smokeRunsEveryScenarioOnce() throws Exception {
        Options o = Options.parse(new String[] {"--smoke", "--runs", "7", "--component", "c", "--work", "w"}, KNOWN);
        assertTrue(o.selected("restart"));
        assertEquals(1, o.repeat(10));
        assertEquals(3, o.pick(3, 100));
    }

    @Test
    void anUnknownScenarioIsNamedWithTheChoices() {
        Options.UsageException e = assertThrows(Options.UsageException.class,
                () -> Options.parse(new String[] {"--component", "c", "--work", "w", "restrat"}, KNOWN));
        assertEquals("unknown scenario restrat; choose from restart, memory", e.getMessage());
    }
}
