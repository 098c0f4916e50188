package org.configd.supervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigChoiceTest {

    @Test
    void constantsAreWrittenInLowerCaseWithDashes() {
        assertEquals(List.of("always", "on-demand", "disabled"),
                Arrays.stream(StartMode.values()).map(StartMode::configName).toList());
        assertEquals(Optional.of(StartMode.ON_DEMAND), ConfigChoice.byConfigName(StartMode.class, "on-demand"));
        assertEquals(Optional.of(StdoutMode.NULL), ConfigChoice.byConfigName(StdoutMode.class, "null"));
        assertEquals(Optional.empty(), ConfigChoice.byConfigName(Readiness.class, "NOTIFY"));
    }
}
