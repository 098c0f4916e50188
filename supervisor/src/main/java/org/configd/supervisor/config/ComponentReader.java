package org.configd.supervisor.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Validates one section of {@code components { }} into a {@link ComponentSpec}. The defaults of a component's keys
 * live here, in one place; {@code stop-timeout} and {@code start-timeout} default to the daemon's.
 */
final class ComponentReader {

    static final List<String> KEYS = List.of("command", "start", "user", "group", "stop-timeout", "start-timeout",
            "readiness", "idle-time-limit", "environment", "working-directory", "stdout", "log-level",
            "defaults-file", "secret-settings", "settings");

    /** A name becomes a directory name and a log tag: no slashes, no spaces, no leading dot. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}");

    /** What configd itself puts in every component's environment; a section must not override it. */
    private static final List<String> RESERVED_VARIABLES =
            List.of("CONFIGD_FD", "CONFIGD_COMPONENT", "CONFIGD_INFO_SOCKET", "CONFIGD_IDLE_TIME_LIMIT_MS", "TMPDIR");

    private static final Duration DEFAULT_IDLE_TIME_LIMIT = Duration.ofSeconds(30);
    private static final Path DEFAULT_WORKING_DIRECTORY = Path.of("/");
    // Stands in for a daemon default that was itself invalid: that problem is recorded already, no record is built.
    private static final Duration PLACEHOLDER = Duration.ofSeconds(30);

    private final Accounts accounts;
    private final Duration defaultStopTimeout;
    private final Duration defaultStartTimeout;

    ComponentReader(Accounts accounts, Duration defaultStopTimeout, Duration defaultStartTimeout) {
        this.accounts = accounts;
        this.defaultStopTimeout = defaultStopTimeout != null ? defaultStopTimeout : PLACEHOLDER;
        this.defaultStartTimeout = defaultStartTimeout != null ? defaultStartTimeout : PLACEHOLDER;
    }

    /** The component defined by {@code section}, or {@code null} when a problem was recorded. */
    ComponentSpec read(String name, Section section) {
        Problems problems = section.problems();
        if (!NAME.matcher(name).matches()) {
            problems.add(section.object().origin(), section.path(), "the name '" + name + "' is not allowed; "
                    + "use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        section.allowOnly(KEYS);
        List<String> command = command(section);
        StartMode start = section.choice("start", StartMode.ALWAYS, StartMode.class);
        Optional<String> user = account(section, "user", true);
        Optional<String> group = account(section, "group", false);
        Duration stopTimeout = section.duration("stop-timeout", defaultStopTimeout);
        Duration startTimeout = section.duration("start-timeout", defaultStartTimeout);
        Readiness readiness = section.choice("readiness", Readiness.NONE, Readiness.class);
        Duration idleTimeLimit = section.duration("idle-time-limit", DEFAULT_IDLE_TIME_LIMIT);
        Map<String, String> environment = environment(section);
        Path workingDirectory = section.path("working-directory", DEFAULT_WORKING_DIRECTORY);
        StdoutMode stdout = section.choice("stdout", StdoutMode.LOG, StdoutMode.class);
        String logLevel = section.oneOf("log-level", "info", DaemonSettingsReader.LEVELS);
        List<String> secretSettings = secretSettings(section);
        Settings settings = settings(section);
        ConfigValue commandValue = section.value("command");
        Path baseDirectory = section.directoryOf(commandValue != null ? commandValue : section.object());
        if (!problems.isEmpty()) {
            return null;
        }
        return new ComponentSpec(name, command, start, user, group, stopTimeout, startTimeout, readiness,
                idleTimeLimit, environment, workingDirectory, stdout, logLevel, secretSettings, settings,
                baseDirectory);
    }

    private static List<String> command(Section section) {
        ConfigValue value = section.value("command");
        String example = "use a list such as [\"/usr/bin/program\", \"--flag\"]";
        if (value == null) {
            return section.missing("command", example);
        }
        List<String> command = section.stringList("command");
        if (command == null) {
            return null;
        }
        if (command.isEmpty() || command.get(0).isEmpty()) {
            section.problems().badValue(section.key("command"), value, "names no program; " + example);
            return null;
        }
        String program = command.get(0);
        // Without a slash the program is looked up in the component's PATH when it is spawned, not here.
        if (program.contains("/") && !Path.of(program).isAbsolute()) {
            List<String> resolved = new ArrayList<>(command);
            Path absolute = section.resolve(value, program, "command");
            if (absolute == null) {
                return null;
            }
            resolved.set(0, absolute.toString());
            return resolved;
        }
        return command;
    }

    private Optional<String> account(Section section, String key, boolean isUser) {
        String name = section.string(key, "");
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        boolean exists = isUser ? accounts.userExists(name) : accounts.groupExists(name);
        if (!exists) {
            section.problems().badValue(section.key(key), section.value(key), "names no " + key
                    + " on this machine; create the " + key + " '" + name + "' or name an existing one");
        }
        return Optional.of(name);
    }

    private static Map<String, String> environment(Section section) {
        Section environment = section.section("environment");
        if (environment == null) {
            return null;
        }
        Map<String, String> variables = new TreeMap<>();
        for (var entry : new TreeMap<>(environment.object()).entrySet()) {
            String variable = entry.getKey();
            String text = Scalars.asString(entry.getValue());
            if (text == null) {
                environment.problems().badValue(environment.key(variable), entry.getValue(),
                        "is not a string; use a string, number or boolean (nested objects are not allowed)");
            } else if (RESERVED_VARIABLES.contains(variable)) {
                environment.problems().badValue(environment.key(variable), entry.getValue(),
                        "is set by configd itself; remove it (reserved: " + String.join(", ", RESERVED_VARIABLES)
                                + ")");
            } else if (variable.isEmpty() || variable.contains("=") || variable.indexOf('\0') >= 0) {
                environment.problems().add(entry.getValue().origin(), environment.path(),
                        "'" + variable + "' is not a valid variable name; use letters, digits and '_'");
            } else {
                variables.put(variable, text);
            }
        }
        return variables;
    }

    private static List<String> secretSettings(Section section) {
        List<String> paths = section.stringList("secret-settings");
        if (paths == null) {
            return null;
        }
        for (String path : paths) {
            if (path.isEmpty() || List.of(path.split("\\.", -1)).contains("")) {
                section.problems().badValue(section.key("secret-settings"), section.value("secret-settings"),
                        "holds '" + path + "', which is not a dotted path; use paths such as \"db.password\"");
                return null;
            }
        }
        return paths;
    }

    private static Settings settings(Section section) {
        ConfigValue value = section.value("settings");
        if (value == null) {
            return Settings.empty();
        }
        if (value.valueType() != ConfigValueType.OBJECT) {
            section.problems().badValue(section.key("settings"), value,
                    "is not an object; use settings { key = value, ... }");
            return null;
        }
        return Settings.of((ObjectNode) JsonValues.toJson((ConfigObject) value));
    }
}
