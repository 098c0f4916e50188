package org.configd.supervisor.spawn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to start one component process.
 *
 * @param component        the component's name, for messages
 * @param command          the program and its arguments; {@code command.get(0)} is already an absolute path
 *                         (see {@link CommandResolver})
 * @param environment      the complete environment of the process, in this order: nothing else is inherited
 * @param workingDirectory the absolute directory the process starts in
 * @param runAs            the user to switch to, present only when configd is root and the component names one
 * @param stdoutToLog      whether stdout goes to the log pipe with stderr (otherwise to /dev/null)
 */
public record SpawnRequest(
        String component,
        List<String> command,
        Map<String, String> environment,
        Path workingDirectory,
        Optional<RunAs> runAs,
        boolean stdoutToLog) {

    public SpawnRequest {
        Objects.requireNonNull(component, "component");
        command = List.copyOf(command);
        if (command.isEmpty() || !command.get(0).startsWith("/")) {
            throw new IllegalArgumentException("component " + component
                    + ": the command must start with an absolute path, not " + command);
        }
        environment.forEach((name, value) -> {
            if (name.isEmpty() || name.indexOf('=') >= 0) {
                throw new IllegalArgumentException("component " + component
                        + ": an environment variable name is not empty and has no '=': \"" + name + "\"");
            }
            Objects.requireNonNull(value, name);
        });
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        if (!workingDirectory.isAbsolute()) {
            throw new IllegalArgumentException("component " + component
                    + ": the working directory must be absolute, not " + workingDirectory);
        }
        Objects.requireNonNull(runAs, "runAs");
    }

    /** The environment as the {@code NAME=value} strings {@code execve} takes, in order. */
    List<String> environmentEntries() {
        List<String> entries = new ArrayList<>(environment.size());
        environment.forEach((name, value) -> entries.add(name + "=" + value));
        return entries;
    }
}
