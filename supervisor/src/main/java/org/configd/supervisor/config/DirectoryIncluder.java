package org.configd.supervisor.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigParseable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Lets a configuration file say {@code include "conf.d"} (or {@code include file("conf.d")}): when the name resolves
 * to a directory, every {@code *.conf} file in it is merged in lexical order, a later file winning key by key.
 * Everything else goes to Typesafe's default includer.
 *
 * <p>Unlike Typesafe's default, a relative {@code file("...")} counts from the including file's directory, not from
 * the working directory, as every other relative path in configd's configuration does.
 */
final class DirectoryIncluder implements ConfigIncluder, ConfigIncluderFile {

    private final Consumer<Path> filesRead;
    private final ConfigIncluder fallback;

    /** An includer that reports every file it reads from a directory to {@code filesRead}. */
    DirectoryIncluder(Consumer<Path> filesRead) {
        this(filesRead, null);
    }

    private DirectoryIncluder(Consumer<Path> filesRead, ConfigIncluder fallback) {
        this.filesRead = filesRead;
        this.fallback = fallback;
    }

    @Override
    public ConfigIncluder withFallback(ConfigIncluder newFallback) {
        // Typesafe adds its default includer as the fallback, possibly more than once: keep one chain.
        if (fallback == newFallback) {
            return this;
        }
        return new DirectoryIncluder(filesRead, fallback == null ? newFallback : fallback.withFallback(newFallback));
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
        Optional<Path> directory = resolve(context, what).filter(Files::isDirectory);
        if (directory.isPresent()) {
            return mergeDirectory(context, directory.get());
        }
        return fallback().include(context, what);
    }

    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, File what) {
        Path path = resolve(context, what.getPath()).orElse(what.toPath());
        if (Files.isDirectory(path)) {
            return mergeDirectory(context, path);
        }
        ConfigIncluder next = fallback();
        if (next instanceof ConfigIncluderFile) {
            return ((ConfigIncluderFile) next).includeFile(context, path.toFile());
        }
        return ConfigFactory.parseFileAnySyntax(path.toFile(), context.parseOptions()).root();
    }

    private ConfigIncluder fallback() {
        if (fallback == null) {
            throw new IllegalStateException("Typesafe Config did not give the includer its default fallback");
        }
        return fallback;
    }

    /** {@code name} as a path relative to the including file, when that file is a file on disk. */
    private static Optional<Path> resolve(ConfigIncludeContext context, String name) {
        Path named = Path.of(name);
        if (named.isAbsolute()) {
            return Optional.of(named);
        }
        return includingDirectory(context).map(directory -> directory.resolve(named).normalize());
    }

    /**
     * The directory of the file being parsed. The context does not expose it; asking it for the sibling "." yields
     * a parseable for that directory whose origin names it (for a file; anything else has no file name).
     */
    private static Optional<Path> includingDirectory(ConfigIncludeContext context) {
        ConfigParseable self = context.relativeTo(".");
        if (self == null || self.origin() == null || self.origin().filename() == null) {
            return Optional.empty();
        }
        return Optional.of(Path.of(self.origin().filename()).normalize());
    }

    private ConfigObject mergeDirectory(ConfigIncludeContext context, Path directory) {
        Config merged = ConfigFactory.empty();
        for (Path file : confFiles(directory)) {
            filesRead.accept(file);
            Config layer = ConfigFactory.parseFile(file.toFile(), context.parseOptions().setAllowMissing(false));
            merged = layer.withFallback(merged);
        }
        return merged.root();
    }

    /** The visible {@code *.conf} regular files of {@code directory}, by name; editors' hidden files are skipped. */
    private static List<Path> confFiles(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries
                    .filter(p -> p.getFileName().toString().endsWith(".conf"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new com.typesafe.config.ConfigException.IO(ConfigOriginFactory.newFile(directory.toString()),
                    "cannot list the included directory (" + e.getMessage() + ")", e);
        }
    }
}
