package org.configd.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.configd.supervisor.e2e.Await;
import static org.configd.supervisor.e2e.RunningDaemon.read;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive {@code mvn package} makes, unpacked into an empty folder. */
class ArchiveTest {

    @Test
    void holdsLaunchersLibrariesExampleConfigurationInitFilesAndTheDemo(@TempDir Path dir) throws Exception {
        Path home = Archive.unpack(dir);
        for (String script : List.of("bin/configd", "bin/configctl", "bin/.launch", "bin/demo", "init/configd",
                "init/install.sh", "examples/demo/components/ticker.sh")) {
            assertTrue(Files.isExecutable(home.resolve(script)), script + " is executable");
        }
        for (String file : List.of("init/configd.service", "etc/configd/configd.conf", "examples/demo/configd.conf",
                "README.md")) {
            assertTrue(Files.isRegularFile(home.resolve(file)), file);
        }
        Set<String> jars;
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            jars = lib.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        for (String prefix : List.of("supervisor-", "sample-components-", "component-sdk-", "protocol-", "config-",
                "netty-transport-native-epoll-", "jnr-posix-", "log4j-core-", "jackson-databind-")) {
            assertTrue(jars.stream().anyMatch(j -> j.startsWith(prefix) && j.endsWith(".jar")), prefix + " in " + jars);
        }
        assertFalse(jars.stream().anyMatch(j -> j.contains("tests") || j.contains("junit")), "no test jars: " + jars);
        if (Files.isExecutable(Path.of("/usr/bin/gcc"))) { // else not built: components start through setpriv
            assertTrue(Files.isExecutable(home.resolve("lib/configd-exec")), "lib/configd-exec is executable");
            assertTrue(Files.isRegularFile(home.resolve("lib/libconfigd-spawn.so")),
                    "lib/libconfigd-spawn.so is there");
        }
        assertFalse(Files.exists(home.resolve("examples/demo/run")), "no state of a demo run");
    }

    @Test
    void configctlReadsAConfigurationThatNamesAUserWithItsOwnClassPath(@TempDir Path dir) throws Exception {
        Path home = Archive.unpack(dir);
        Files.writeString(dir.resolve("configd.log"), "");
        Path conf = runAsNobody(dir);
        // Looking the user up needs jnr-posix: the launcher must not leave it off configctl's class path.
        Shell.Result result = new Shell(dir).run(home.resolve("bin/configctl").toString(), "log", "--config",
                conf.toString());
        assertEquals(0, result.exit(), result.toString());
    }

    @Test
    void theLaunchersTakeNoCodeFromTheWorkingDirectory(@TempDir Path dir) throws Exception {
        Path home = Archive.unpack(dir);
        // An empty class-path entry (a trailing colon) is the working directory to the JVM: whoever can write
        // where root runs configctl could give it classes and service providers. Planted there, a main class
        // must not be found.
        Path cwd = dir.resolve("cwd");
        String name = Planted.class.getName();
        Path planted = cwd.resolve(name.replace('.', '/') + ".class");
        Files.createDirectories(planted.getParent());
        try (var in = Planted.class.getResourceAsStream(Planted.class.getSimpleName() + ".class")) {
            Files.copy(in, planted);
        }
        Shell.Result result = new Shell(dir).in(cwd).run(home.resolve("bin/.launch").toString(), name);
        assertFalse(result.out().contains(Planted.GREETING), result.toString());
        assertTrue(result.err().contains("Could not find or load main class " + name), result.toString());
        // The same launcher, given configctl's class, works from there.
        Shell.Result version = new Shell(dir).in(cwd).run(home.resolve("bin/configctl").toString(), "--version");
        assertEquals(0, version.exit(), version.toString());
    }

    @Test
    void theLaunchersRunFromAFolderWithASpaceInItsName(@TempDir Path dir) throws Exception {
        Path home = Archive.unpack(Files.createDirectory(dir.resolve("a folder")));
        for (String tool : List.of("configctl", "configd")) {
            Shell.Result r = new Shell(dir).run(home.resolve("bin/" + tool).toString(), "--version");
            assertEquals(tool + " " + System.getProperty("configd.version") + "\n", r.out(), r.toString());
        }
    }

    @Test
    void installShMakesClassDataArchivesTheLaunchersMapAndQuietlyIgnoreOnceTheJarsChange(@TempDir Path dir)
            throws Exception {
        Path home = Archive.unpack(dir);
        Shell shell = new Shell(dir).set("DESTDIR", dir.toString());
        Shell.Result install = shell.run("sh", home.resolve("init/install.sh").toString(), "--prefix",
                "/" + home.getFileName(), "--cds");
        assertEquals(0, install.exit(), install.toString());
        assertTrue(Files.isRegularFile(home.resolve("lib/cds/configd.jsa")), install.toString());
        assertTrue(Files.isRegularFile(home.resolve("lib/cds/configctl.jsa")), install.toString());

        // Class loading logged on stdout: the application's classes come from the archive's top layer.
        String mapped = "source: shared objects file (top)";
        shell.set("CONFIGCTL_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -Xlog:class+load")
                .set("CONFIGD_JAVA_OPTS", "-Xlog:class+load");
        for (Map.Entry<String, String> tool : Map.of("configctl", "cli.ConfigctlMain", "configd",
                "daemon.ConfigdMain").entrySet()) {
            Shell.Result r = shell.run(home.resolve("bin/" + tool.getKey()).toString(), "--version");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().contains("org.configd.supervisor." + tool.getValue() + " " + mapped), tool.getKey()
                    + " maps its archive:\n" + r.out().lines().filter(l -> l.contains("org.configd")).findFirst()
                    .orElse(r.out()));
        }

        // An upgraded jar no longer fits the archive: the JVM loads from the jars, and says nothing about it.
        Path jar;
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            jar = lib.filter(p -> p.getFileName().toString().startsWith("supervisor-")).findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        Shell.Result logged = shell.run(home.resolve("bin/configctl").toString(), "--version");
        assertEquals(0, logged.exit(), logged.toString());
        assertFalse(logged.out().contains(mapped), "the stale archive is not used");
        Shell.Result plain = new Shell(dir).run(home.resolve("bin/configctl").toString(), "--version");
        assertEquals(0, plain.exit(), plain.toString());
        assertEquals("configctl " + System.getProperty("configd.version") + "\n", plain.out(),
                "configctl's line alone, no word from the JVM");
        assertEquals("", plain.err(), plain.toString());
    }

    @Test
    void configdLoadsItsNativeLibrariesFromLibNotFromATemporaryFolder(
            @TempDir(factory = Archive.ShortTempDir.class) Path dir) throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "runs a component as nobody: root only");
        Path home = Archive.unpack(dir);
        Path conf = runAsNobody(dir);
        Path run = dir.resolve("run");
        // jffi (for the user's lookup and the spawn) and Netty's epoll transport used to extract their libraries
        // into /tmp at every start, and configd died where /tmp is mounted noexec. Here every folder they could
        // extract into is a plain file, as unusable as a noexec /tmp: from lib/native/ they need none.
        String nowhere = Files.writeString(dir.resolve("not-a-folder"), "").toString();
        Shell shell = new Shell(dir).set("CONFIGD_RUN_DIR", run.toString()).set("CONFIGD_JAVA_OPTS",
                "-Xmx64m -XX:+UseSerialGC -Djava.io.tmpdir=" + nowhere + " -Dio.netty.native.workdir=" + nowhere
                        + " -Djffi.extract.dir=" + nowhere);
        Path console = dir.resolve("console.txt");
        Process configd = shell.start(console, home.resolve("bin/configd").toString(), "-c", conf.toString());
        try {
            Await.until(Duration.ofSeconds(60), () -> {
                assertTrue(configd.isAlive(), () -> "configd exited:\n" + read(console));
                try {
                    Shell.Result status = shell.run(home.resolve("bin/configctl").toString(), "status");
                    return status.out().lines().anyMatch(l -> l.startsWith("svc") && l.contains("running"));
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException("configctl status did not run", e);
                }
            }, () -> "svc running; console:\n" + read(console));
        } finally {
            configd.destroy();
        }
        assertTrue(configd.waitFor(30, TimeUnit.SECONDS), "configd stops on SIGTERM");
        assertEquals(0, configd.exitValue(), read(console));
    }

    @Test
    void theExampleConfigurationSetsEveryDaemonSettingToItsDefaultAndIsValid(@TempDir Path dir) throws Exception {
        Path home = Archive.unpack(dir);
        Path example = home.resolve("etc/configd/configd.conf");
        Config defaults = ConfigFactory.parseResources(ArchiveTest.class.getClassLoader(), "reference.conf")
                .getConfig("configd");
        Config shipped = ConfigFactory.parseFile(example.toFile()).getConfig("configd");
        for (Map.Entry<String, ConfigValue> setting : defaults.entrySet()) {
            assertTrue(shipped.hasPath(setting.getKey()), "the example sets configd." + setting.getKey());
            assertEquals(setting.getValue().unwrapped(), shipped.getValue(setting.getKey()).unwrapped(),
                    "configd." + setting.getKey() + " shows its default");
        }
        assertEquals(defaults.entrySet().size(), shipped.entrySet().size(), "no setting unknown to configd");

        Shell.Result check = new Shell(dir).run(home.resolve("bin/configd").toString(), "--check", "-c",
                example.toString());
        assertEquals(0, check.exit(), check.toString());
        assertTrue(check.out().contains("is valid (0 components)"), check.toString());
    }

    @Test
    void theSystemdUnitLetsConfigdStopItsComponentsAndVerifies(@TempDir Path dir) throws Exception {
        Path home = Archive.unpack(dir);
        String unit = Files.readString(home.resolve("init/configd.service"));
        List<String> lines = unit.lines().filter(l -> !l.startsWith("#")).collect(Collectors.toList());
        assertTrue(lines.containsAll(List.of("Type=notify", "KillMode=mixed", "ExecReload=/bin/kill -HUP $MAINPID")),
                unit);
        long stopSeconds = lines.stream().filter(l -> l.startsWith("TimeoutStopSec="))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElseThrow();
        long componentStop = ConfigFactory.parseResources(ArchiveTest.class.getClassLoader(), "reference.conf")
                .getDuration("configd.stop-timeout").toSeconds();
        assertTrue(stopSeconds > componentStop, "systemd waits " + stopSeconds + " s, longer than the components' "
                + componentStop + " s");

        Shell shell = new Shell(dir);
        Assumptions.assumeTrue(shell.run("sh", "-c", "command -v systemd-analyze").exit() == 0,
                "systemd-analyze is not installed");
        Path installed = dir.resolve("configd.service");
        Files.writeString(installed, unit.replace("/opt/configd", home.toString()));
        Shell.Result verify = shell.run("systemd-analyze", "verify", installed.toString());
        assertEquals(0, verify.exit(), verify.toString());
        assertEquals("", verify.err(), verify.toString());
    }

    @Test
    void unpackedIntoAnEmptyFolderItRunsTheDemo(@TempDir(factory = Archive.ShortTempDir.class) Path dir) throws Exception {
        Path home = Archive.unpack(dir);
        Path run = home.resolve("examples/demo/run");
        Shell shell = new Shell(dir).set("CONFIGD_RUN_DIR", run.toString());
        Path console = dir.resolve("demo-console.txt");
        Process demo = shell.start(console, home.resolve("bin/demo").toString());
        try {
            // The ticker reads its settings through the packaged configctl, then greets.
            Path log = run.resolve("configd.log");
            Await.until(Duration.ofSeconds(60), () -> read(log).contains("hello from the demo (#1)"),
                    () -> "the ticker's greeting; console:\n" + read(console) + "\nlog:\n" + read(log));
            Shell.Result status = shell.run(home.resolve("bin/configctl").toString(), "status");
            assertEquals(0, status.exit(), status.toString());
            assertTrue(status.out().contains("license valid (configd demo"), status.out());
            assertTrue(status.out().lines().anyMatch(l -> l.startsWith("ticker") && l.contains("running")),
                    status.out());
        } finally {
            demo.destroy();
        }
        assertTrue(demo.waitFor(30, TimeUnit.SECONDS), "the demo stops on SIGTERM");
        assertEquals(0, demo.exitValue(), read(console));
        assertFalse(Files.exists(run.resolve("configd.pid")), "configd removed its pid file");
    }

    /**
     * configd.conf in {@code dir}: its run directory {@code dir/run}, its log {@code dir/configd.log}, and one
     * component, svc, run as nobody.
     */
    private static Path runAsNobody(Path dir) throws IOException {
        return Files.writeString(dir.resolve("configd.conf"), "configd { run-dir = \"" + dir.resolve("run")
                + "\", log { file = \"" + dir.resolve("configd.log") + "\" } }\n"
                + "components { svc { command = [\"/bin/sleep\", \"1000\"], user = \"nobody\" } }\n");
    }
}
