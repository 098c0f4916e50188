package org.configd.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.configd.supervisor.spawn.TmpDirs;

/**
 * The folder of one daemon run: configd.conf, the run directory with the sockets and the unified log, configd's
 * console, and the FIFO the components stamp into. configd runs as the benchmark's user; components run as
 * that user too (no {@code user} in their sections), so the cost of a user switch is not in the figures, but for
 * those that say "each as nobody" ({@link #AS_NOBODY}).
 */
public final class Bed implements AutoCloseable {

    /** Only root can run components as another user: the figures "each as nobody" are taken only then. */
    public static final boolean ROOT = effectiveUid() == 0;
    /**
     * A component's section for running it as nobody, as configd is meant to run components (as their users); in
     * nobody's own primary group, whose name differs between distributions (nogroup, nobody).
     */
    public static final String AS_NOBODY = "user = nobody";

    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** How much of the console a failure quotes: its end, where the reason is. */
    private static final int CONSOLE_TAIL = 4000;

    public final Path dir;
    public final Path config;
    public final Path runDir;
    public final Path logFile;
    public final Path console;
    private final Path component;
    private final Stamps stamps;
    private final boolean keep;

    private Bed(Path dir, Path component, boolean keep) throws IOException {
        this.dir = dir;
        this.config = dir.resolve("configd.conf");
        this.runDir = dir.resolve("run");
        this.logFile = runDir.resolve("configd.log");
        this.console = dir.resolve("console.txt");
        this.component = component;
        this.keep = keep;
        Files.createDirectories(dir);
        this.stamps = Stamps.open(dir.resolve("stamps"), this::consoleForFailure);
    }

    /** The second field of /proc/self/status's "Uid:" line, as configd itself checks geteuid(); -1 if unreadable. */
    private static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: taken as not root
        }
        return -1;
    }

    /** A new bed in the work folder, named after the scenario (and numbered, since scenarios repeat). */
    public static Bed create(Context ctx, String name) throws IOException {
        Path dir = ctx.options().work().resolve(name + "-" + COUNTER.incrementAndGet());
        return new Bed(dir, ctx.options().component(), ctx.options().keep());
    }

    public Stamps stamps() {
        return stamps;
    }

    /** A component section running bench-component in {@code mode}, with extra HOCON settings (or ""). */
    public String component(String name, String mode, String extra) {
        String[] words = mode.split(" ");
        StringBuilder command = new StringBuilder("[\"").append(component).append("\", \"").append(stamps.path())
                .append('"');
        for (String w : words) {
            command.append(", \"").append(w).append('"');
        }
        command.append(']');
        return name + " { command = " + command + (extra.isEmpty() ? "" : ", " + extra) + " }\n";
    }

    /** {@code count} components named {@code prefix1..prefixN}, each pausing until it is stopped. */
    public String pausing(String prefix, int count) {
        return pausing(prefix, count, "");
    }

    /** The same, each with extra HOCON settings (or ""). */
    public String pausing(String prefix, int count, String extra) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            s.append(component(prefix + i, "pause", extra));
        }
        return s.toString();
    }

    /**
     * Writes configd.conf: the run directory and the log in this bed, no license (its state is then "missing",
     * which changes nothing for supervision), then {@code daemonExtra} inside {@code configd { }} and
     * {@code components} inside {@code components { }}.
     */
    public Bed configure(String daemonExtra, String components) throws IOException {
        Files.writeString(config, """
                configd {
                  run-dir = "run"
                  log { file = "run/configd.log" }
                  license { file = "license.key", public-key = "license.pub" }
                  %s
                }
                components {
                %s}
                """.formatted(daemonExtra, components), StandardCharsets.UTF_8);
        return this;
    }

    /** Starts configd on this bed through the installation's bin/configd. */
    public DaemonUnderTest launch(Installation installation) throws IOException {
        return DaemonUnderTest.launch(installation, this);
    }

    /**
     * For the message of a wait that failed: the end of the console, where configd, runsvdir or s6-svscan says
     * what went wrong (a program that would not start, a logger that refused its arguments).
     */
    public String consoleForFailure() {
        String text = consoleText();
        return "; the supervisor's console" + (text.length() > CONSOLE_TAIL ? ", last " + CONSOLE_TAIL + " characters"
                : "") + ":\n" + text.substring(Math.max(0, text.length() - CONSOLE_TAIL));
    }

    /** What the supervisor run on this bed wrote to its console (stdout and stderr). */
    public String consoleText() {
        try {
            return Files.readString(console, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no console: " + e.getMessage() + ")";
        }
    }

    /** Stops reading stamps and removes the folder, unless the run keeps its beds. */
    @Override
    public void close() throws IOException {
        stamps.close();
        if (!keep) {
            TmpDirs.remove(dir); // configd's own remover: it follows no link a component may have left behind
        }
    }
}
