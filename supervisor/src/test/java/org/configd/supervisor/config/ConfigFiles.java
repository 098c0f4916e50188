package org.configd.supervisor.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes configuration files for a test and loads them, the way configd does. */
final class ConfigFiles {

    private final Path root;

    ConfigFiles(Path root) {
        this.root = root;
    }

    /** Writes {@code content} to {@code relative} under the test's directory, creating directories. */
    Path write(String relative, String content) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    /** Loads {@code etc/configd.conf} with the given search-path directories (relative to the test directory). */
    LoadedConfig load(String... searchPath) throws ConfigException {
        return ConfigLoader.load(path("etc/configd.conf"), searchPath(searchPath));
    }

    /** The problems of loading {@code etc/configd.conf}, which must fail. */
    List<ConfigProblem> problems(String... searchPath) {
        try {
            LoadedConfig config = ConfigLoader.load(path("etc/configd.conf"), searchPath(searchPath));
            throw new AssertionError("expected the configuration to be refused, got " + config);
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    /** The message of loading {@code etc/configd.conf}, which must fail: one line per problem. */
    String failure(String... searchPath) {
        return String.join("\n", problems(searchPath).stream().map(ConfigProblem::line).toList());
    }

    private List<Path> searchPath(String... directories) {
        return java.util.Arrays.stream(directories).map(root::resolve).toList();
    }
}
