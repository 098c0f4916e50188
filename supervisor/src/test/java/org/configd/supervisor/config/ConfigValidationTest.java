package org.configd.supervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every problem names its file, line and key, says what is wrong and what is allowed; all are reported at once. */
class ConfigValidationTest {

    private static final String DURATION_HINT = "use a number with a unit, e.g. 500ms, 30s, 2m";

    @TempDir
    Path dir;
    ConfigFiles files;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(dir);
    }

    @Test
    void aBadValueInAConfDFileNamesThatFileAndLine() {
        files.write("etc/configd.conf", "include \"conf.d\"\n");
        Path scan = files.write("etc/conf.d/10-scan.conf", """
                components.scan-engine {
                  command = ["/bin/true"]


                  # a comment

                  stop-timeout = "soon"
                }
                """);

        assertEquals(scan + ":7: components.scan-engine.stop-timeout = \"soon\" is not a duration; " + DURATION_HINT,
                files.failure());
    }

    @Test
    void aBadValueInASearchPathLayerNamesThatLayer() {
        files.write("etc/configd.conf", "configd.stop-timeout = 5s\n");
        Path layer = files.write("node/configd.conf", "\nconfigd.log.level = loud\n");

        assertEquals(layer + ":2: configd.log.level = \"loud\" is not allowed; use trace, debug, info, warn or error",
                files.failure("node"));
    }

    @Test
    void aStringForANumberIsRefused() {
        Path main = files.write("etc/configd.conf", "configd.limits.max-info-connections = \"10\"\n");

        assertEquals(main + ":1: configd.limits.max-info-connections = \"10\" is not a whole number; "
                + "use a whole number from 1 to 65536", files.failure());
    }

    @Test
    void aBareNumberIsNotADuration() {
        Path main = files.write("etc/configd.conf", "configd.stop-timeout = 30\n");

        assertEquals(main + ":1: configd.stop-timeout = 30 is not a duration; " + DURATION_HINT, files.failure());
    }

    @Test
    void anUnknownKeyInConfigdIsRefusedWithAHint() {
        Path main = files.write("etc/configd.conf", "configd {\n  stop-timout = 5s\n}\n");

        assertEquals(main + ":2: configd: unknown key 'stop-timout' (did you mean 'stop-timeout'?); known keys are: "
                + "run-dir, admin-group, stop-timeout, start-timeout, restart, log, license, limits", files.failure());
    }

    @Test
    void anUnknownKeyInANestedDaemonSectionIsRefused() {
        Path main = files.write("etc/configd.conf", "configd.log.rotate.sise = 1M\n");

        assertEquals(main + ":1: configd.log.rotate: unknown key 'sise' (did you mean 'size'?); "
                + "known keys are: size, keep, compress", files.failure());
    }

    @Test
    void anUnknownKeyInAComponentIsRefusedWithFileAndLine() {
        Path main = files.write("etc/configd.conf", """
                components.scan {
                  comand = ["/bin/true"]
                  command = ["/bin/true"]
                }
                """);

        String failure = files.failure();

        assertTrue(failure.startsWith(main + ":2: components.scan: unknown key 'comand' (did you mean 'command'?); "
                + "known keys are: command, start, "), failure);
    }

    @Test
    void keysInsideSettingsAreFree() throws Exception {
        files.write("etc/configd.conf", "components.a { command = [\"/a\"], settings.anything.goes = 1 }");

        assertEquals(1, files.load().components().get("a").settings().at("anything.goes").orElseThrow().asInt());
    }

    @Test
    void anUnknownTopLevelKeyIsRefused() {
        Path main = files.write("etc/configd.conf", "configd {}\nbase-dir = \"/opt\"\n");

        assertEquals(main + ":2: unknown key 'base-dir'; known keys are: configd, components", files.failure());
    }

    @Test
    void everyProblemIsReportedAtOnceDaemonFirstThenComponentsByName() {
        Path main = files.write("etc/configd.conf", """
                configd.restart { initial-delay = 1s, max-delay = 500ms }
                configd.log.max-line-length = 100
                components.b.start = sometimes
                components.a.command = []
                components."bad name".command = ["/x"]
                """);

        assertEquals(List.of(
                main + ":1: configd.restart.max-delay = \"500ms\" is shorter than initial-delay; "
                        + "use a max-delay at least as long as initial-delay",
                main + ":2: configd.log.max-line-length = 100 is out of range; use a size from 256 bytes to 1M, "
                        + "e.g. 16k, 1M",
                main + ":4: components.a.command = [] names no program; use a list such as "
                        + "[\"/usr/bin/program\", \"--flag\"]",
                main + ":3: components.b: 'command' is missing; use a list such as [\"/usr/bin/program\", \"--flag\"]",
                main + ":3: components.b.start = \"sometimes\" is not allowed; use always, on-demand or disabled",
                main + ":5: components.\"bad name\": the name 'bad name' is not allowed; use 1 to 64 letters, "
                        + "digits, '.', '_' or '-', starting with a letter or digit"),
                files.problems().stream().map(ConfigProblem::line).toList());
    }

    @Test
    void aUserOrGroupThatDoesNotExistIsNamed() {
        Path main = files.write("etc/configd.conf", """
                components.a { command = ["/a"], user = "no-such-user-7f3a", group = "no-such-group-7f3a" }
                configd.admin-group = "no-such-admins-7f3a"
                """);

        assertEquals(List.of(
                main + ":2: configd.admin-group = \"no-such-admins-7f3a\" names no group on this machine; "
                        + "create the group, or use \"\" for root only",
                main + ":1: components.a.user = \"no-such-user-7f3a\" names no user on this machine; "
                        + "create the user 'no-such-user-7f3a' or name an existing one",
                main + ":1: components.a.group = \"no-such-group-7f3a\" names no group on this machine; "
                        + "create the group 'no-such-group-7f3a' or name an existing one"),
                files.problems().stream().map(ConfigProblem::line).toList());
    }

    @Test
    void aMissingDefaultsFileIsNamed() {
        Path main = files.write("etc/configd.conf", """
                components.a {
                  command = ["/a"]
                  defaults-file = "a.defaults.conf"
                }
                """);

        assertEquals(main + ":3: components.a.defaults-file = \"a.defaults.conf\" names "
                + files.path("etc/a.defaults.conf") + ", which does not exist; create it or remove defaults-file",
                files.failure());
    }

    @Test
    void environmentValuesMustBeScalarsAndNotConfigdsOwn() {
        Path main = files.write("etc/configd.conf", """
                components.a {
                  command = ["/a"]
                  environment { NESTED { X = 1 }, CONFIGD_FD = 4 }
                }
                """);

        assertEquals(List.of(
                main + ":3: components.a.environment.CONFIGD_FD = 4 is set by configd itself; remove it (reserved: "
                        + "CONFIGD_FD, CONFIGD_COMPONENT, CONFIGD_INFO_SOCKET, CONFIGD_IDLE_TIME_LIMIT_MS, TMPDIR)",
                main + ":3: components.a.environment.NESTED = {\"X\":1} is not a string; use a string, number or "
                        + "boolean (nested objects are not allowed)"),
                files.problems().stream().map(ConfigProblem::line).toList());
    }

    @Test
    void aSyntaxErrorNamesFileAndLine() {
        files.write("etc/configd.conf", "include \"conf.d\"\n");
        Path broken = files.write("etc/conf.d/10-broken.conf", "configd {\n  stop-timeout = 5s\n");

        List<ConfigProblem> problems = files.problems();

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).line().startsWith(broken + ":3: "), problems.get(0).line());
    }

    @Test
    void anUnresolvableSubstitutionNamesFileAndLine() {
        Path main = files.write("etc/configd.conf", "\nconfigd.run-dir = ${NO_SUCH_VARIABLE_7F3A}\n");

        String failure = files.failure();

        assertTrue(failure.startsWith(main + ":2: "), failure);
        assertTrue(failure.contains("NO_SUCH_VARIABLE_7F3A"), failure);
    }

    @Test
    void aSectionThatIsNotAnObjectIsRefused() {
        Path main = files.write("etc/configd.conf", "configd.restart = 5s\ncomponents = []\n");

        assertEquals(List.of(
                main + ":1: configd.restart = \"5s\" is not an object; use { key = value, ... }",
                main + ":2: components = [] is not an object; use { key = value, ... }"),
                files.problems().stream().map(ConfigProblem::line).toList());
    }
}
