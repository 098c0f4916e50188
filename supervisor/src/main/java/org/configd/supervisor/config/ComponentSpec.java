package org.configd.supervisor.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One validated section of {@code components { }}: how to run a component and the settings it is handed.
 *
 * @param name             the section's name; also the component's log tag and temporary directory name
 * @param command          the program and its arguments; {@code command[0]} without a slash is looked up in PATH
 *                         at spawn time, one with a slash is absolute (a relative one was resolved at load)
 * @param start            when configd starts it
 * @param user             the user it runs as (only when configd runs as root)
 * @param group            the group it runs as (only when configd runs as root)
 * @param stopTimeout      the time between SIGTERM and SIGKILL
 * @param startTimeout     the time it has to send {@code ready} when {@code readiness = notify}
 * @param readiness        whether configd waits for {@code ready}
 * @param idleTimeLimit    for an on-demand component: how long it may stay unused before it exits 103
 * @param environment      the environment it declares (configd adds its own variables at spawn time)
 * @param workingDirectory its working directory
 * @param stdout           where its stdout goes
 * @param logLevel         the level of a stderr line that carries no {@code <N>} prefix
 * @param secretSettings   dotted paths inside {@code settings} that are redacted on the info socket
 * @param settings         its settings, with its defaults file merged underneath
 * @param baseDirectory    the directory of the file that set its {@code command}: what its relative paths mean
 */
public record ComponentSpec(
        String name,
        List<String> command,
        StartMode start,
        Optional<String> user,
        Optional<String> group,
        Duration stopTimeout,
        Duration startTimeout,
        Readiness readiness,
        Duration idleTimeLimit,
        Map<String, String> environment,
        Path workingDirectory,
        StdoutMode stdout,
        String logLevel,
        List<String> secretSettings,
        Settings settings,
        Path baseDirectory) {

    public ComponentSpec {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command of component " + name + " is empty");
        }
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(idleTimeLimit, "idleTimeLimit");
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(logLevel, "logLevel");
        secretSettings = List.copyOf(secretSettings);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(baseDirectory, "baseDirectory");
    }

    /** The settings as the info socket shows them: every secret path replaced by {@value Settings#REDACTED}. */
    public Settings redactedSettings() {
        return settings.redacted(secretSettings);
    }
}
