package org.configd.supervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layering, directory includes, defaults and relative paths, with real files. */
class ConfigLoaderTest {

    @TempDir
    Path dir;
    ConfigFiles files;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(dir);
    }

    @Test
    void theFirstSearchPathDirectoryWinsKeyByKeyOverTheSecondAndTheMainFile() throws Exception {
        files.write("etc/configd.conf", """
                configd { stop-timeout = 10s, start-timeout = 11s, log.level = debug }
                """);
        files.write("node2/configd.conf", "configd { stop-timeout = 20s, start-timeout = 21s }");
        files.write("node1/configd.conf", "configd.stop-timeout = 30s");

        DaemonSettings daemon = files.load("node1", "node2").daemon();

        assertEquals(Duration.ofSeconds(30), daemon.stopTimeout(), "node1 beats node2 and the main file");
        assertEquals(Duration.ofSeconds(21), daemon.startTimeout(), "node2 beats the main file");
        assertEquals("debug", daemon.log().level(), "a key only in the main file survives");
        assertEquals(Duration.ofMillis(100), daemon.restart().initialDelay(), "reference.conf fills the rest");
    }

    @Test
    void aSearchPathDirectoryWithoutTheFileIsSkipped() throws Exception {
        files.write("etc/configd.conf", "configd.stop-timeout = 10s");

        assertEquals(Duration.ofSeconds(10), files.load("empty", "missing").daemon().stopTimeout());
    }

    @Test
    void anIncludedDirectoryMergesItsConfFilesInLexicalOrder() throws Exception {
        files.write("etc/configd.conf", """
                configd.stop-timeout = 1s
                include "conf.d"
                """);
        files.write("etc/conf.d/20-later.conf", "configd.stop-timeout = 7s");
        files.write("etc/conf.d/10-first.conf", """
                configd { stop-timeout = 5s, start-timeout = 6s }
                components.a.command = ["/bin/true"]
                """);
        files.write("etc/conf.d/README", "this is not = { configuration");
        files.write("etc/conf.d/.#10-first.conf", "not even HOCON {");

        LoadedConfig config = files.load();

        assertEquals(Duration.ofSeconds(7), config.daemon().stopTimeout(), "the later file wins");
        assertEquals(Duration.ofSeconds(6), config.daemon().startTimeout(), "keys of the earlier file survive");
        assertEquals(List.of("/bin/true"), config.components().get("a").command());
        assertEquals(List.of(files.path("etc/configd.conf"), files.path("etc/conf.d/10-first.conf"),
                files.path("etc/conf.d/20-later.conf")), config.sources());
    }

    @Test
    void includeFileOfADirectoryCountsFromTheIncludingFile() throws Exception {
        files.write("etc/configd.conf", "include file(\"conf.d\")");
        files.write("etc/conf.d/10-a.conf", "configd.stop-timeout = 5s");

        assertEquals(Duration.ofSeconds(5), files.load().daemon().stopTimeout());
    }

    @Test
    void substitutionsResolveAfterLayeringSoAHigherLayerFeedsALowerOne() throws Exception {
        files.write("etc/configd.conf", """
                components.web {
                  command = ["/bin/true"]
                  settings { host = "localhost", url = "http://"${components.web.settings.host}"/" }
                  environment { HOME = ${?HOME} }
                }
                """);
        files.write("node/configd.conf", "components.web.settings.host = \"node.example\"");

        ComponentSpec web = files.load("node").components().get("web");

        assertEquals("http://node.example/", web.settings().at("url").orElseThrow().asText());
        assertEquals(Optional.ofNullable(System.getenv("HOME")), Optional.ofNullable(web.environment().get("HOME")));
    }

    @Test
    void aMissingMainFileSaysSoInOneSentence() {
        Path missing = dir.resolve("x/configd.conf");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing, List.of()));

        assertEquals("configuration file " + missing + " does not exist; create it or pass another with --config",
                e.getMessage());
    }

    @Test
    void anEmptyMainFileGivesTheReferenceDefaults() throws Exception {
        files.write("etc/configd.conf", "");

        DaemonSettings daemon = files.load().daemon();

        assertEquals(Path.of("/run/configd"), daemon.runDir());
        assertEquals(Optional.empty(), daemon.adminGroup());
        assertEquals(Duration.ofSeconds(30), daemon.stopTimeout());
        assertEquals(Duration.ofSeconds(30), daemon.startTimeout());
        assertEquals(new RestartSettings(Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofSeconds(60)),
                daemon.restart());
        assertEquals(new LogSettings(Path.of("/var/log/configd/configd.log"), LogFormat.TEXT, "info", 16 * 1024,
                50L * 1024 * 1024, 10, true, false), daemon.log());
        assertEquals(new LicenseFiles(Path.of("/etc/configd/license.key"),
                Optional.of(Path.of("/etc/configd/license.pub"))), daemon.license());
        assertEquals(new Limits(1024 * 1024, 256, Duration.ofSeconds(10)), daemon.limits());
        assertEquals(Map.of(), files.load().components());
    }

    @Test
    void aRelativePathCountsFromTheDirectoryOfTheFileThatSetsIt() throws Exception {
        files.write("etc/configd.conf", """
                configd { run-dir = "run", license.public-key = "" }
                include "conf.d"
                components.a { command = ["./bin/a", "--flag"], working-directory = "work" }
                components.b { command = ["b-in-path"] }
                """);
        files.write("etc/conf.d/log.conf", "configd.log.file = \"../log/configd.log\"");

        LoadedConfig config = files.load();

        assertEquals(files.path("etc/run"), config.daemon().runDir());
        assertEquals(files.path("etc/log/configd.log"), config.daemon().log().file());
        assertEquals(Path.of("/etc/configd/license.key"), config.daemon().license().file(), "defaults are absolute");
        assertEquals(Optional.empty(), config.daemon().license().publicKey(), "\"\" means no key");
        ComponentSpec a = config.components().get("a");
        assertEquals(List.of(files.path("etc/bin/a").toString(), "--flag"), a.command());
        assertEquals(files.path("etc/work"), a.workingDirectory());
        assertEquals(files.path("etc"), a.baseDirectory());
        assertEquals(List.of("b-in-path"), config.components().get("b").command(), "looked up in PATH later");
    }

    @Test
    void aComponentGetsItsDefaultsAndTheDaemonsTimeouts() throws Exception {
        files.write("etc/configd.conf", """
                configd { stop-timeout = 12s, start-timeout = 13s }
                components.a.command = ["/bin/true"]
                """);

        ComponentSpec a = files.load().components().get("a");

        assertEquals(new ComponentSpec("a", List.of("/bin/true"), StartMode.ALWAYS, Optional.empty(),
                Optional.empty(), Duration.ofSeconds(12), Duration.ofSeconds(13), Readiness.NONE,
                Duration.ofSeconds(30), Map.of(), Path.of("/"), StdoutMode.LOG, "info", List.of(),
                Settings.empty(), files.path("etc")), a);
    }

    @Test
    void everyComponentKeyIsRead() throws Exception {
        files.write("etc/configd.conf", """
                components.scan-engine {
                  command = ["/opt/scan", "--port", 8080, true]
                  start = on-demand
                  user = "root", group = "root"
                  stop-timeout = 2s, start-timeout = 3s, idle-time-limit = 4m
                  readiness = notify
                  environment { LANG = "C.UTF-8", WORKERS = 4, DEBUG = false }
                  working-directory = "/tmp"
                  stdout = null
                  log-level = warn
                  secret-settings = ["db.password"]
                  settings { db { password = "x", port = 5432 } }
                }
                """);

        ComponentSpec scan = files.load().components().get("scan-engine");

        assertEquals(List.of("/opt/scan", "--port", "8080", "true"), scan.command());
        assertEquals(StartMode.ON_DEMAND, scan.start());
        assertEquals(Optional.of("root"), scan.user());
        assertEquals(Optional.of("root"), scan.group());
        assertEquals(Duration.ofSeconds(2), scan.stopTimeout());
        assertEquals(Duration.ofSeconds(3), scan.startTimeout());
        assertEquals(Duration.ofMinutes(4), scan.idleTimeLimit());
        assertEquals(Readiness.NOTIFY, scan.readiness());
        assertEquals(Map.of("LANG", "C.UTF-8", "WORKERS", "4", "DEBUG", "false"), scan.environment());
        assertEquals(Path.of("/tmp"), scan.workingDirectory());
        assertEquals(StdoutMode.NULL, scan.stdout(), "an unquoted null is the null mode");
        assertEquals("warn", scan.logLevel());
        assertEquals(List.of("db.password"), scan.secretSettings());
        assertEquals(5432, scan.settings().at("db.port").orElseThrow().asInt());
    }

    @Test
    void aDefaultsFileFillsSettingsAndTheComponentsOwnSettingsWin() throws Exception {
        files.write("etc/configd.conf", """
                components.scan {
                  command = ["/bin/true"]
                  defaults-file = "defaults/scan.conf"
                  settings { db { host = "db.local" }, threads = 8 }
                }
                """);
        files.write("etc/defaults/scan.conf", """
                threads = 2
                db { host = "localhost", port = 5432 }
                cache.size = 100
                """);

        LoadedConfig config = files.load();
        Settings settings = config.components().get("scan").settings();

        assertEquals(8, settings.at("threads").orElseThrow().asInt(), "the component's own value wins");
        assertEquals("db.local", settings.at("db.host").orElseThrow().asText());
        assertEquals(5432, settings.at("db.port").orElseThrow().asInt(), "defaults merge into nested objects");
        assertEquals(100, settings.at("cache.size").orElseThrow().asInt());
        assertTrue(config.sources().contains(files.path("etc/defaults/scan.conf")));
    }

    @Test
    void aHigherLayerMayRemoveAComponentWithNull() throws Exception {
        files.write("etc/configd.conf", "components { a.command = [\"/bin/a\"], b.command = [\"/bin/b\"] }");
        files.write("node/configd.conf", "components.a = null");

        assertEquals(List.of("b"), List.copyOf(files.load("node").components().keySet()));
    }

    @Test
    void componentsAreSortedByName() throws Exception {
        files.write("etc/configd.conf", """
                components { zeta.command = ["/z"], alpha.command = ["/a"], mid.command = ["/m"] }
                """);

        assertEquals(List.of("alpha", "mid", "zeta"), List.copyOf(files.load().components().keySet()));
    }

    @Test
    void theSearchPathVariableIsSplitOnColonsIgnoringEmptyEntries() {
        assertEquals(List.of(), ConfigLoader.parseSearchPath(null));
        assertEquals(List.of(), ConfigLoader.parseSearchPath(""));
        assertEquals(List.of(Path.of("/a"), Path.of("/b/c")), ConfigLoader.parseSearchPath(":/a::/b/c:"));
    }
}
