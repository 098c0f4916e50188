package org.configd.supervisor.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the {@code defaults-file} of every component into one layer that places each file's top level under
 * {@code components.<name>.settings}. The loader puts this layer beneath the operator's files, so that a
 * component's own {@code settings} win key by key.
 */
final class DefaultsFiles {

    private final ConfigParseOptions options;
    private final Problems problems;
    private final Path fallbackDirectory;
    private final Consumer<Path> filesRead;

    /**
     * @param options   how to parse a defaults file (with configd's includer)
     * @param filesRead told about every defaults file read
     */
    DefaultsFiles(ConfigParseOptions options, Problems problems, Path fallbackDirectory, Consumer<Path> filesRead) {
        this.options = options;
        this.problems = problems;
        this.fallbackDirectory = fallbackDirectory;
        this.filesRead = filesRead;
    }

    /**
     * The defaults of every component that names a defaults file in {@code probe}: the operator's layers over
     * reference.conf, resolved as far as possible (a defaults file's own name may use a substitution).
     */
    Config layer(Config probe) {
        Config layer = ConfigFactory.empty();
        ConfigValue components = probe.root().get("components");
        if (components == null || components.valueType() != ConfigValueType.OBJECT) {
            return layer;   // the validation of the components section reports this
        }
        for (var entry : ((ConfigObject) components).entrySet()) {
            try {
                if (entry.getValue().valueType() == ConfigValueType.OBJECT) {
                    layer = layer.withFallback(defaultsOf(entry.getKey(), (ConfigObject) entry.getValue()));
                }
            } catch (com.typesafe.config.ConfigException.NotResolved e) {
                // Not resolvable before the defaults are in; the final resolve reports it if it still is not.
            } catch (com.typesafe.config.ConfigException e) {
                problems.add(e);
            }
        }
        return layer;
    }

    private Config defaultsOf(String name, ConfigObject component) {
        Section section = new Section(List.of("components", name), component, problems, fallbackDirectory);
        if (section.value("defaults-file") == null) {
            return ConfigFactory.empty();
        }
        Path file = section.path("defaults-file", null);
        if (file == null) {
            return ConfigFactory.empty();
        }
        if (!Files.isRegularFile(file)) {
            problems.badValue(section.key("defaults-file"), section.value("defaults-file"),
                    "names " + file + ", which does not exist; create it or remove defaults-file");
            return ConfigFactory.empty();
        }
        filesRead.accept(file);
        Config defaults = ConfigFactory.parseFile(file.toFile(), options);
        return defaults.root().atPath(ConfigUtil.joinPath("components", name, "settings"));
    }
}
