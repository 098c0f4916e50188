package org.configd.supervisor.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration cannot be used. Carries every problem found, not just the first; {@link #getMessage()} is one
 * line per problem, ready to print for the operator (no stack trace needed: these are the operator's mistakes).
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    /** An exception for {@code problems}, which must not be empty. */
    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::line).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** An exception for one problem that is not tied to a file or key, e.g. a missing main file. */
    public static ConfigException of(String message) {
        return new ConfigException(List.of(new ConfigProblem("", "", message)));
    }

    /**
     * Every problem found, in a stable order: reading the files (syntax, defaults files, substitutions) first,
     * then the daemon's settings, then the components by name.
     */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
