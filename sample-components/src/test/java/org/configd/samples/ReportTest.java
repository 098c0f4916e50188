package org.configd.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The license-gated component: exit 101 without its feature, back after a new license and a reload. */
class ReportTest {

    private static final String REPORT = "report { command = " + SampleDaemon.command("report")
            + ", settings { interval = 200ms } }";

    @Test
    void waitsForALicenseWithItsFeatureAndLeavesWhenAReplacedLicenseDropsIt(@TempDir Path dir) throws Exception {
        SampleDaemon.license(dir, "L-1", "greeter");
        try (SampleDaemon configd = SampleDaemon.start(dir, REPORT)) {
            configd.awaitExit("report", 101, "waiting-license");
            assertEquals(1, configd.componentLines("report", "report needs the licensed feature 'report', but the"
                    + " license L-1 for Sample Tests, valid until 2099-12-31 does not include it; install a license"
                    + " that does, then reload configd").size(), configd.log());

            SampleDaemon.license(dir, "L-2", "greeter", "report");
            configd.reload();
            long pid = configd.awaitRunning("report");
            configd.awaitLog("report #2: 1 components (1 running); generation 2; license valid");

            // A running component learns of the new license through the reload and checks it again.
            SampleDaemon.license(dir, "L-3", "greeter");
            configd.reload();
            JsonNode gone = configd.awaitExit("report", 101, "waiting-license");
            assertTrue(gone.path("pid").isNull(), gone.toString());
            assertEquals(1, configd.componentLines("report", "report needs the licensed feature 'report', but the"
                    + " license L-3 .*").size(), configd.log());
            assertEquals(pid, configd.componentLines("configd", "report \\(pid (\\d+)\\) exited with code 101.*")
                    .stream().mapToLong(m -> Long.parseLong(m.group(1))).max().orElse(0));
        }
    }
}
