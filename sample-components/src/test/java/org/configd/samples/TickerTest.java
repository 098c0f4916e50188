package org.configd.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell component of the demo (examples/demo/components/ticker.sh): settings through configctl, levels through
 * priority prefixes, a reload through SIGHUP, exit 102 when a setting is missing.
 */
class TickerTest {

    private static final Path TICKER =
            Path.of(System.getProperty("user.dir")).resolveSibling("examples/demo/components/ticker.sh");

    /** configctl as the script runs it, here on the test class path (bin/configctl needs a packaged build). */
    private static Path configctl(Path dir) throws Exception {
        StringBuilder java = new StringBuilder("'" + Path.of(System.getProperty("java.home"), "bin", "java") + "'");
        if (Runtime.version().feature() >= 22) {
            java.append(" --enable-native-access=ALL-UNNAMED");
        }
        Path script = dir.resolve("configctl");
        Files.writeString(script, "#!/bin/sh\nexec " + java + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '"
                + System.getProperty("java.class.path") + "' org.configd.supervisor.cli.ConfigctlMain \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static String ticker(Path configctl, String settings) {
        return "ticker { command = [" + SampleDaemon.quote(TICKER) + "], environment { CONFIGCTL = "
                + SampleDaemon.quote(configctl) + " }, settings { " + settings + " } }";
    }

    @Test
    void readsItsSettingsWithConfigctlLogsWithLevelsAndReloadsOnSighup(@TempDir Path dir) throws Exception {
        assertTrue(Files.isExecutable(TICKER), TICKER + " is the demo's shell component");
        assertFalse(System.getProperty("java.class.path").contains("'"), "the wrapper quotes the class path with '");
        Path configctl = configctl(dir);
        String ticking = ticker(configctl, "greeting = \"tick tock\", interval = 0");
        try (SampleDaemon configd = SampleDaemon.start(dir, ticking)) {
            long pid = configd.awaitRunning("ticker");
            configd.awaitLog("tick tock (#2)");
            assertEquals(1,
                    configd.componentLines("ticker", "settings loaded: greeting \"tick tock\", every 1s").size());
            assertTrue(configd.log().matches("(?s).*\\bWARN +ticker\\[" + pid + "\\]: interval 0 is too short;"
                    + " ticking every second\n.*"), configd.log());
            assertTrue(configd.log().matches("(?s).*\\bINFO +ticker\\[" + pid + "\\]: tick tock \\(#1\\)\n.*"));

            configd.reconfigure(ticker(configctl, "greeting = \"tock tick\", interval = 1"));
            configd.awaitLog("tock tick (#");
            assertEquals(1, configd.componentLines("ticker", "SIGHUP: reloading my settings").size());
            assertEquals(pid, configd.status("ticker").path("pid").asLong(), "reloaded, not restarted");

            configd.reconfigure(ticker(configctl, "interval = 1"));
            configd.awaitExit("ticker", 102, "waiting-config");
            assertTrue(configd.log().matches("(?s).*\\bERROR +ticker\\[" + pid + "\\]: my setting 'greeting' is"
                    + " missing; set components.ticker.settings.greeting, then reload configd\n.*"), configd.log());
        }
    }

}
