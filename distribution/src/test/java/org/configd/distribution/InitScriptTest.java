package org.configd.distribution;

import static org.configd.supervisor.e2e.RunningDaemon.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.configd.supervisor.e2e.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * init/configd for real, in a temporary prefix: the unpacked archive as CONFIGD_HOME, the configuration, defaults
 * file, run directory and log below the prefix. One component prints the greeting it reads from configd with
 * configctl, then sleeps; a changed greeting reaches it through a reload (SIGHUP kills the sleep, configd restarts
 * the component at once, and it reads the new greeting).
 */
class InitScriptTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir(factory = Archive.ShortTempDir.class)
    Path prefix;
    Path home;
    Path config;
    Path pidFile;
    Path log;
    Shell shell;
    String script;

    @BeforeEach
    void install() throws Exception {
        home = Archive.unpack(Files.createDirectories(prefix.resolve("opt")));
        script = home.resolve("init/configd").toString();
        Path etc = Files.createDirectories(prefix.resolve("etc/configd"));
        config = etc.resolve("configd.conf");
        writeConfig("hello");
        pidFile = prefix.resolve("run/configd.pid");
        log = prefix.resolve("log/configd.log");
        // The defaults file names the installation and the run directory, and a configuration the environment
        // overrides: the environment wins over the file, which wins over the built-in defaults.
        Path defaults = Files.createDirectories(prefix.resolve("etc/default")).resolve("configd");
        Files.writeString(defaults, "CONFIGD_HOME=" + home + "\nCONFIGD_RUN_DIR=" + prefix.resolve("run")
                + "\nCONFIGD_CONFIG=/nonexistent/configd.conf\nCONFIGD_STOP_WAIT=20\n");
        shell = new Shell(prefix).set("CONFIGD_DEFAULTS", defaults.toString()).set("CONFIGD_CONFIG", config.toString());
    }

    @AfterEach
    void stopWhatIsLeft() throws Exception {
        Archive.stopIfRunning(pidFile);
    }

    @Test
    void startsReportsReloadsAndStopsConfigd() throws Exception {
        assertStatus(3, "configd is not running");

        Shell.Result start = shell.run(script, "start");
        assertEquals(0, start.exit(), start.toString());
        String pid = Files.readString(pidFile).trim();
        assertEquals("configd started (pid " + pid + ")\n", start.out());
        assertTrue(Archive.isRunning(Long.parseLong(pid)));
        assertStatus(0, "configd is running (pid " + pid + ")");
        Shell.Result again = shell.run(script, "start");
        assertEquals(0, again.exit(), again.toString());
        assertEquals("configd is already running (pid " + pid + ")\n", again.out());
        awaitGreeting("hello");

        writeConfig("bonjour");
        Shell.Result reload = shell.run(script, "reload");
        assertEquals(0, reload.exit(), reload.toString());
        awaitGreeting("bonjour");
        assertEquals(pid, Files.readString(pidFile).trim(), "a reload keeps configd");

        Shell.Result stop = shell.run(script, "stop");
        assertEquals(0, stop.exit(), stop.toString());
        assertEquals("configd stopped\n", stop.out());
        assertFalse(Archive.isRunning(Long.parseLong(pid)), "configd has exited");
        assertFalse(Files.exists(pidFile), "configd removed its pid file");
        assertFalse(Files.exists(prefix.resolve("run/control.sock")), "and its sockets");
        assertStatus(3, "configd is not running");
        Shell.Result stopAgain = shell.run(script, "stop");
        assertEquals(0, stopAgain.exit(), stopAgain.toString());
    }

    @Test
    void statusTellsADeadConfigdFromOneThatNeverRan() throws Exception {
        assertStatus(3, "configd is not running");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.createDirectories(pidFile.getParent());
        Files.writeString(pidFile, gone.pid() + "\n");
        assertStatus(1, "configd is not running, but its pid file " + pidFile + " remains");
        Shell.Result reload = shell.run(script, "reload");
        assertEquals(7, reload.exit(), reload.toString());
    }

    @Test
    void anInvalidConfigurationFailsStartReloadAndRestartWithConfigdsMessage() throws Exception {
        Files.writeString(config, "configd { stop-timeout = forever }\n");
        Shell.Result start = shell.run(script, "start");
        assertEquals(6, start.exit(), start.toString());
        assertTrue(start.err().contains("stop-timeout"), start.toString());
        assertStatus(3, "configd is not running");

        writeConfig("hello");
        assertEquals(0, shell.run(script, "start").exit());
        Files.writeString(config, "configd { stop-timeout = forever }\n");
        Shell.Result reload = shell.run(script, "reload");
        assertEquals(6, reload.exit(), reload.toString());
        assertTrue(reload.err().contains("stop-timeout") && reload.err().contains("nothing was changed"),
                reload.toString());
        String pid = Files.readString(pidFile).trim();
        Shell.Result restart = shell.run(script, "restart");
        assertEquals(6, restart.exit(), "a restart checks before it stops: " + restart);
        assertStatus(0, "configd is running (pid " + pid + ")");

        writeConfig("hello");
        Shell.Result tryRestart = shell.run(script, "try-restart");
        assertEquals(0, tryRestart.exit(), tryRestart.toString());
        String newPid = Files.readString(pidFile).trim();
        assertFalse(pid.equals(newPid), "a new configd");
        assertEquals("configd stopped\nconfigd started (pid " + newPid + ")\n", tryRestart.out());
    }

    @Test
    void aMissingInstallationFailsWithFiveAndChangesNothing() throws Exception {
        Path missing = prefix.resolve("not-installed");
        Shell.Result start = shell.set("CONFIGD_HOME", missing.toString()).run(script, "start");
        assertEquals(5, start.exit(), start.toString());
        assertTrue(start.err().contains(missing + "/bin/configd is missing") && start.err().contains("CONFIGD_HOME"),
                start.toString());
        assertStatus(3, "configd is not running");

        assertEquals(0, shell.set("CONFIGD_HOME", home.toString()).run(script, "start").exit());
        String pid = Files.readString(pidFile).trim();
        shell.set("CONFIGD_HOME", missing.toString());
        Shell.Result reload = shell.run(script, "reload");
        assertEquals(5, reload.exit(), "configd --check cannot run (the shell's 127): " + reload);
        assertTrue(reload.err().contains("missing or not executable") && reload.err().contains("nothing was changed"),
                reload.toString());
        Shell.Result restart = shell.run(script, "restart");
        assertEquals(5, restart.exit(), "a restart checks before it stops: " + restart);
        assertStatus(0, "configd is running (pid " + pid + ")");
        shell.set("CONFIGD_HOME", home.toString());
    }

    private void assertStatus(int exit, String says) throws Exception {
        Shell.Result status = shell.run(script, "status");
        assertEquals(exit, status.exit(), status.toString());
        assertTrue(status.out().startsWith(says), status.toString());
    }

    /** The component's line in the unified log, read with the shipped configctl (which asks configd for it). */
    private void awaitGreeting(String greeting) {
        Await.until(DEADLINE, () -> {
            try {
                Shell.Result r = shell.run(home.resolve("bin/configctl").toString(), "--run-dir",
                        prefix.resolve("run").toString(), "log", "--component", "greeter",
                        "-n", "1");
                return r.out().endsWith("greeting: " + greeting + "\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, () -> "the greeting \"" + greeting + "\" in the log:\n" + read(log));
    }

    private void writeConfig(String greeting) throws Exception {
        Files.writeString(config, """
                configd {
                  run-dir = "%s"
                  stop-timeout = 5s
                  log.file = "%s"
                  license.file = "license.key"
                }
                components.greeter {
                  command = ["/bin/sh", "-c",
                    "echo \\"greeting: $($CONFIGCTL config --value greeter.greeting)\\" >&2; exec sleep 100000"]
                  environment { CONFIGCTL = "%s", JAVA_HOME = "%s" }
                  settings.greeting = "%s"
                }
                """.formatted(prefix.resolve("run"), prefix.resolve("log/configd.log"),
                home.resolve("bin/configctl"), System.getProperty("java.home"), greeting));
    }
}
