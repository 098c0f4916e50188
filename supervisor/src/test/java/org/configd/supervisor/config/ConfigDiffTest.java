package org.configd.supervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind of change, from two real configurations that differ by one key of one component. */
class ConfigDiffTest {

    private static final String BASE = """
            components.a {
              command = ["/bin/a"]
              environment { LANG = "C" }
              settings { x = 1 }
              %s
            }
            components.untouched.command = ["/bin/u"]
            """;

    @TempDir
    Path dir;

    /** Loads the base configuration with {@code extra} in component a, from the same file each time. */
    private LoadedConfig load(String extra) throws ConfigException {
        return loadText(BASE.formatted(extra));
    }

    private LoadedConfig loadText(String text) throws ConfigException {
        ConfigFiles files = new ConfigFiles(dir);
        files.write("etc/configd.conf", text);
        return files.load();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "command = [\"/bin/a\", \"-v\"]                | PROCESS",
        "user = \"root\"                               | PROCESS",
        "group = \"root\"                              | PROCESS",
        "environment.LANG = \"C.UTF-8\"                | PROCESS",
        "working-directory = \"/tmp\"                  | PROCESS",
        "stdout = null                               | PROCESS",
        "settings.x = 2                              | SETTINGS",
        "secret-settings = [\"x\"]                     | SETTINGS",
        "stop-timeout = 1s                           | SUPERVISION",
        "start-timeout = 1s                          | SUPERVISION",
        "readiness = notify                          | SUPERVISION",
        "idle-time-limit = 1s                        | SUPERVISION",
        "start = disabled                            | SUPERVISION",
        "log-level = debug                           | SUPERVISION",
        "settings.x = 1                              | UNCHANGED",
    })
    void aChangedKeyIsClassifiedByWhatItTakesToApplyIt(String change, ComponentChange expected) throws Exception {
        LoadedConfig old = load("");
        LoadedConfig neu = load(change);

        assertEquals(Map.of("a", expected, "untouched", ComponentChange.UNCHANGED), ConfigDiff.between(old, neu));
    }

    @Test
    void processWinsOverSettingsWhenBothChanged() throws Exception {
        LoadedConfig old = load("");
        LoadedConfig neu = load("command = [\"/bin/a2\"], settings.x = 2");

        assertEquals(ComponentChange.PROCESS, ConfigDiff.between(old, neu).get("a"));
    }

    @Test
    void addedAndRemovedComponentsAreNamed() throws Exception {
        LoadedConfig old = load("");
        LoadedConfig neu = loadText("components.b.command = [\"/bin/b\"]\ncomponents.untouched.command = [\"/bin/u\"]");

        assertEquals(Map.of("a", ComponentChange.REMOVED, "b", ComponentChange.ADDED,
                "untouched", ComponentChange.UNCHANGED), ConfigDiff.between(old, neu));
        assertFalse(ConfigDiff.daemonChanged(old, neu));
    }

    @Test
    void aChangeOfTheDaemonsOwnSettingsIsReported() throws Exception {
        LoadedConfig old = load("");
        LoadedConfig neu = loadText(BASE.formatted("") + "configd.log.level = debug");

        assertTrue(ConfigDiff.daemonChanged(old, neu));
        assertEquals(ComponentChange.UNCHANGED, ConfigDiff.between(old, neu).get("a"));
    }
}
