package org.configd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallationTest {

    @Test
    void extraOptionsAddToTheOnesBinLaunchGivesConfigdEvenWhenItsLineIsContinued(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("lib"));
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("bin/.launch"), "case \"$tool\" in\n    configd)\n"
                + "        opts=\"${CONFIGD_JAVA_OPTS:--Xms16m -XX:+UseSerialGC \\\n-XX:-UsePerfData}\" ;;\nesac\n");

        Installation installation = new Installation(home, "-Dconfigd.trace=true");

        assertEquals("-Xms16m -XX:+UseSerialGC -XX:-UsePerfData -Dconfigd.trace=true",
                installation.environment().get("CONFIGD_JAVA_OPTS"));
    }

    @Test
    void theCheckoutsOwnBinLaunchIsRead() throws Exception {
        Path checkout = Path.of("..").toAbsolutePath().normalize();
        Files.createDirectories(checkout.resolve("supervisor/target/classes")); // as a build leaves it
        Files.createDirectories(checkout.resolve("supervisor/target/lib"));

        String opts = new Installation(checkout, "-Dx=y").environment().get("CONFIGD_JAVA_OPTS");

        assertTrue(opts.startsWith("-X") && opts.endsWith(" -Dx=y") && !opts.contains("\\"), opts);
    }
}
