package org.configd.supervisor.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.configd.supervisor.cli.Configctl;

/**
 * A real configd process for end-to-end tests: a child JVM on the test class path, its console captured in
 * a file, the sockets in its own run directory. configctl runs in-process against it (same code as the
 * command, without the JVM start) or as a real process where the user matters.
 */
public final class RunningDaemon implements AutoCloseable {

    public static final Duration START_DEADLINE = Duration.ofSeconds(30);

    public final Process process;
    public final Path runDir;
    public final Path console;
    public final Path logFile;

    private RunningDaemon(Process process, Path runDir, Path console, Path logFile) {
        this.process = process;
        this.runDir = runDir;
        this.console = console;
        this.logFile = logFile;
    }

    /** The command line that runs configd in a JVM with the test class path. */
    public static List<String> command(Path configFile, String... extra) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 22) {
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        cmd.add("-Xmx128m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.configd.supervisor.daemon.ConfigdMain");
        cmd.add("-c");
        cmd.add(configFile.toString());
        cmd.addAll(List.of(extra));
        return cmd;
    }

    /** Starts configd on {@code configFile} and returns once its info socket answers. */
    public static RunningDaemon start(Path configFile, Path runDir, Path logFile, Map<String, String> env)
            throws IOException {
        RunningDaemon d = launch(configFile, runDir, logFile, env);
        Await.until(START_DEADLINE, () -> !d.process.isAlive() || d.ctl("ping").exit() == 0,
                () -> "configd to serve; console:\n" + d.consoleText());
        if (!d.process.isAlive()) {
            throw new IllegalStateException("configd exited with " + d.process.exitValue() + ":\n" + d.consoleText());
        }
        return d;
    }

    /** Starts configd on {@code configFile} and returns at once, before it serves. */
    public static RunningDaemon launch(Path configFile, Path runDir, Path logFile, Map<String, String> env)
            throws IOException {
        Path console = configFile.resolveSibling("console-" + System.nanoTime() + ".txt");
        ProcessBuilder pb = new ProcessBuilder(command(configFile));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(console.toFile());
        return new RunningDaemon(pb.start(), runDir, console, logFile);
    }

    /** configctl, in-process, against this daemon. */
    public CtlResult ctl(String... args) {
        return ctl(Map.of(), args);
    }

    public CtlResult ctl(Map<String, String> extraEnv, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("CONFIGD_RUN_DIR", runDir.toString());
        int exit = new Configctl(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env).run(args);
        return new CtlResult(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public long pid() {
        return process.pid();
    }

    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
        }
    }

    public String consoleText() {
        return read(console);
    }

    public String log() {
        return read(logFile);
    }

    /** Waits until the unified log contains {@code text}. */
    public void awaitLog(String text) {
        Await.until(Duration.ofSeconds(20), () -> log().contains(text),
                () -> "the log to contain \"" + text + "\"; it has:\n" + log());
    }

    public static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM and wait for the exit; returns the exit code. */
    public int stop() throws IOException, InterruptedException {
        if (process.isAlive()) {
            signal("TERM");
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("configd did not exit within 30 s of SIGTERM:\n" + consoleText());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            stop();
        }
    }
}
