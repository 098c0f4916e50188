package org.configd.supervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.configd.supervisor.license.License;
import org.configd.supervisor.license.LicenseLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generation rises exactly when a reload changes the effective configuration or a license file. */
class SnapshotTest {

    @TempDir
    Path dir;
    ConfigFiles files;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(dir);
        files.write("etc/configd.conf", """
                configd.license { file = "license.key", public-key = "license.pub" }
                components.a { command = ["/bin/a"], settings.x = 1 }
                include "conf.d"
                """);
        files.write("etc/license.key", "{\"license\": {}}");
        files.write("etc/license.pub", "not a key yet");
    }

    private Snapshot reload(Snapshot previous) throws ConfigException {
        LoadedConfig config = files.load();
        License license = LicenseLoader.load(config.daemon().license());
        return Snapshot.next(previous, config, license);
    }

    @Test
    void theFirstSnapshotIsGenerationOne() throws Exception {
        Snapshot first = reload(null);

        assertEquals(1, first.generation());
        assertEquals(Optional.of(first.config().components().get("a")), first.component("a"));
        assertSame(first.config().daemon(), first.daemon());
    }

    @Test
    void aReloadThatChangesNothingKeepsTheGeneration() throws Exception {
        Snapshot first = reload(null);

        Snapshot second = reload(first);
        files.write("etc/conf.d/empty.conf", "# nothing yet\n");
        Snapshot third = reload(second);

        assertEquals(1, second.generation());
        assertEquals(1, third.generation(), "a new file that sets nothing changes nothing");
    }

    @Test
    void aChangedSettingRaisesTheGenerationByOne() throws Exception {
        Snapshot first = reload(null);
        files.write("etc/conf.d/x.conf", "components.a.settings.x = 2");

        Snapshot second = reload(first);
        Snapshot third = reload(second);

        assertEquals(2, second.generation());
        assertEquals(2, third.generation());
        assertEquals(2, third.component("a").orElseThrow().settings().at("x").orElseThrow().asInt());
    }

    @Test
    void aChangeOfTheDaemonsSettingsRaisesTheGeneration() throws Exception {
        Snapshot first = reload(null);
        files.write("etc/conf.d/x.conf", "configd.stop-timeout = 1s");

        Snapshot second = reload(first);

        assertEquals(2, second.generation());
        assertEquals(Duration.ofSeconds(1), second.daemon().stopTimeout());
    }

    @Test
    void aChangeOfEitherLicenseFileRaisesTheGeneration() throws Exception {
        Snapshot first = reload(null);
        files.write("etc/license.key", "{\"license\": {\"id\": \"L-2\"}}");
        Snapshot second = reload(first);
        files.write("etc/license.pub", "still not a key");
        Snapshot third = reload(second);

        assertEquals(2, second.generation());
        assertEquals(3, third.generation());
    }
}
