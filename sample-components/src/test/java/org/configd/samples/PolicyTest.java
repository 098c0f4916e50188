package org.configd.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validating component: exit 102 on a bad value, back once the configuration is fixed. */
class PolicyTest {

    private static String policy(String settings) {
        return "policy { command = " + SampleDaemon.command("policy") + ", settings { " + settings + " } }";
    }

    @Test
    void exits102OnABadValueAndComesBackWhenTheConfigurationIsFixed(@TempDir Path dir) throws Exception {
        try (SampleDaemon configd = SampleDaemon.start(dir, policy("action = delete, max-message-kb = 100"))) {
            configd.awaitExit("policy", 102, "waiting-config");
            assertEquals(1, configd.componentLines("policy", "setting 'action' is \"delete\", but it must be"
                    + " one of reject, quarantine, tag; fix components.policy.settings.action in the configuration,"
                    + " then reload configd").size(), configd.log());

            configd.reconfigure(policy("action = reject, max-message-kb = 100"));
            long pid = configd.awaitRunning("policy");
            configd.awaitLog("policy in force: reject messages over 100 KiB");

            // A valid change is applied on the fly; a bad one read on reload ends it like a bad one at start.
            configd.reconfigure(policy("action = tag, max-message-kb = 200"));
            configd.awaitLog("policy now: tag messages over 200 KiB (generation 3)");
            assertEquals(pid, configd.status("policy").path("pid").asLong());
            configd.reconfigure(policy("action = quarantine, max-message-kb = 200"));
            configd.awaitExit("policy", 102, "waiting-config");
            assertEquals(1, configd.componentLines("policy", "setting 'quarantine-dir' is missing; fix"
                    + " components.policy.settings.quarantine-dir in the configuration, then reload configd")
                    .size(), configd.log());
        }
    }
}
