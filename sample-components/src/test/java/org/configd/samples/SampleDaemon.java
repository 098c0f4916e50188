package org.configd.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.configd.supervisor.e2e.Await;
import org.configd.supervisor.e2e.CtlResult;
import org.configd.supervisor.e2e.RunningDaemon;
import org.configd.supervisor.license.LicenseTool;

/**
 * A real configd in a test's directory, running real sample components as separate JVMs, with the waits the
 * end-to-end tests share. The configuration is rewritten whole and reloaded, as an operator would.
 */
final class SampleDaemon implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final Path runDir;
    private final Path config;
    private final RunningDaemon daemon;

    private SampleDaemon(Path dir, Path config, RunningDaemon daemon) {
        this.dir = dir;
        this.runDir = dir.resolve("run");
        this.config = config;
        this.daemon = daemon;
    }

    /** Starts configd with {@code components} (the inside of {@code components { }}) and a key pair for licenses. */
    static SampleDaemon start(Path dir, String components) throws Exception {
        Path config = dir.resolve("configd.conf");
        Files.writeString(config, configuration(dir, components));
        vendorKeys(dir);
        RunningDaemon daemon = RunningDaemon.start(config, dir.resolve("run"), dir.resolve("configd.log"), Map.of());
        return new SampleDaemon(dir, config, daemon);
    }

    private static String configuration(Path dir, String components) {
        return "configd {\n"
                + "  run-dir = " + quote(dir.resolve("run")) + "\n"
                + "  stop-timeout = 5s\n"
                + "  restart { initial-delay = 100ms, max-delay = 2s }\n"
                + "  log { file = " + quote(dir.resolve("configd.log")) + " }\n"
                + "  license { file = " + quote(dir.resolve("license.key")) + ", public-key = "
                + quote(dir.resolve("license.pub")) + " }\n"
                + "}\n"
                + "components {\n" + components + "\n}\n";
    }

    /** The vendor's key pair: the private key signs licenses, configd checks them with the public one. */
    private static void vendorKeys(Path dir) throws Exception {
        if (!Files.exists(dir.resolve("license.pub"))) {
            LicenseTool.keygen(dir.resolve("vendor.key"), dir.resolve("license.pub"));
        }
    }

    /** Signs a license with these features and installs it as configd's license file. */
    static void license(Path dir, String id, String... features) throws Exception {
        vendorKeys(dir);
        Path unsigned = dir.resolve("unsigned-" + id + ".conf");
        Files.writeString(unsigned, "license { id = " + quote(id) + ", licensee = \"Sample Tests\", issued = "
                + "\"2024-01-01\", expires = \"2099-12-31\", features = " + JSON.writeValueAsString(features) + " }\n");
        Files.writeString(dir.resolve("license.key"), LicenseTool.sign(unsigned, dir.resolve("vendor.key")));
    }

    /** A HOCON string: JSON's quoting is valid HOCON. */
    static String quote(Object value) {
        try {
            return JSON.writeValueAsString(value.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------- components

    /** The {@code command} that runs sample {@code name} in its own JVM, as bin/sample does, in HOCON. */
    static String command(String name) {
        return commandLine(name).stream().map(SampleDaemon::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    /** The command line that runs sample {@code name} in its own JVM, as bin/sample does. */
    static List<String> commandLine(String name) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 22) {
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        cmd.addAll(List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
                componentClassPath(), SampleMain.class.getName(), name));
        return cmd;
    }

    /**
     * The test class path without configd's own libraries, test frameworks and test classes: what a component
     * gets. Running the samples on it shows they need neither Netty nor Log4j2.
     */
    static String componentClassPath() {
        Pattern notForComponents = Pattern.compile(".*(/io/netty/|/org/apache/logging/|/com/typesafe/|/com/lmax/"
                + "|/org/junit/|/org/opentest4j/|/org/apiguardian/|/supervisor/target/|/test-classes).*");
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !notForComponents.matcher(entry).matches())
                .collect(Collectors.joining(File.pathSeparator));
    }

    // ---------------------------------------------------------------------------------------------- operator

    /** Replaces the components and reloads, as an operator would; fails unless configd accepts it. */
    void reconfigure(String components) throws IOException {
        Files.writeString(config, configuration(dir, components));
        reload();
    }

    void reload() {
        CtlResult r = ctl("reload");
        assertEquals(0, r.exit(), r::toString);
    }

    CtlResult ctl(String... args) {
        return daemon.ctl(args);
    }

    /** One component's entry of {@code status}: name, state, pid, restarts, last-exit, status. */
    JsonNode status(String name) {
        CtlResult r = ctl("--json", "status", name);
        assertEquals(0, r.exit(), r::toString);
        try {
            return JSON.readTree(r.out()).path("components").path(0);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the component's status satisfies {@code condition}, and returns that status. */
    JsonNode await(String name, String what, Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        Await.until(DEADLINE, () -> condition.test(last[0] = status(name)),
                () -> name + " to be " + what + "; its status: " + last[0] + "\nlog:\n" + log());
        return last[0];
    }

    /** Waits until the component runs, and returns its pid. */
    long awaitRunning(String name) {
        return await(name, "running", s -> s.path("state").asText().equals("running")).path("pid").asLong();
    }

    /** Waits until the component's last process exited with {@code code} and it is in {@code state}. */
    JsonNode awaitExit(String name, int code, String state) {
        return await(name, state + " after exit " + code, s -> s.path("state").asText().equals(state)
                && s.path("last-exit").path("code").asInt(-1) == code);
    }

    String log() {
        return daemon.log();
    }

    void awaitLog(String text) {
        daemon.awaitLog(text);
    }

    /** Every line component {@code name} wrote to the log whose message matches {@code regex}, as a match. */
    List<Matcher> componentLines(String name, String regex) {
        Pattern line = Pattern.compile("\\S+ +[A-Z]+ +" + Pattern.quote(name) + "\\[\\d+\\]: " + regex);
        return log().lines().map(line::matcher).filter(Matcher::matches).collect(Collectors.toList());
    }

    static void kill(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid);
    }

    @Override
    public void close() throws Exception {
        daemon.close();
    }
}
