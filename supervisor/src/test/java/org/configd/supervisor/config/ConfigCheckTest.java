package org.configd.supervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.configd.supervisor.license.LicenseLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckTest {

    @TempDir
    Path dir;

    @Test
    void aMissingLicenseAndAMisspeltSecretAreWarningsNotErrors() throws Exception {
        ConfigFiles files = new ConfigFiles(dir);
        files.write("etc/configd.conf", """
                configd.license { file = "license.key", public-key = "" }
                components.db {
                  command = ["/bin/db"]
                  secret-settings = ["password", "replica.pasword"]
                  settings { password = "x", replica.password = "y" }
                }
                """);
        LoadedConfig config = files.load();

        List<String> warnings = ConfigCheck.warnings(config, LicenseLoader.load(config.daemon().license()),
                Instant.parse("2025-01-01T00:00:00Z"));

        assertEquals(List.of(
                "license is missing: license file " + files.path("etc/license.key") + " does not exist; install the "
                        + "license there or set configd.license.file",
                "components.db.secret-settings: 'replica.pasword' names no setting, so it hides nothing; check its "
                        + "spelling against settings"), warnings);
    }
}
