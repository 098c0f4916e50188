package org.configd.supervisor.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads configd's configuration from its layers and validates it into a {@link LoadedConfig}.
 *
 * <p>Layers, highest priority first, merged key by key: the file of the same name in each search-path directory
 * ({@code CONFIGD_CONF_PATH}, the first directory winning), the main file (with any directory it includes), the
 * components' defaults files (under their {@code settings}), and configd's own reference.conf. Substitutions such
 * as {@code ${?HOME}} are resolved once, after layering, so a value in a higher layer can feed one in a lower layer.
 *
 * <p>reference.conf is read from configd's own class loader rather than through {@code ConfigFactory.load()}, so
 * that JVM system properties and stray application.conf files never leak into the daemon's configuration.
 */
public final class ConfigLoader {

    private static final String REFERENCE = "reference.conf";
    private static final List<String> TOP_LEVEL_KEYS = List.of("configd", "components");

    private final Accounts accounts;
    private final List<Path> filesRead = new ArrayList<>();

    private ConfigLoader(Accounts accounts) {
        this.accounts = accounts;
    }

    /**
     * Loads and validates the configuration.
     *
     * @param mainFile   the main file, e.g. {@code /etc/configd/configd.conf} (from {@code --config})
     * @param searchPath directories that may hold a file of the same name overriding it, first one winning
     * @return the validated configuration
     * @throws ConfigException with every problem found, each naming its file, line and key
     */
    public static LoadedConfig load(Path mainFile, List<Path> searchPath) throws ConfigException {
        return new ConfigLoader(Accounts.system()).read(mainFile.toAbsolutePath().normalize(), searchPath);
    }

    /**
     * The directories of a {@code CONFIGD_CONF_PATH} value: separated by {@code :}, empty entries ignored;
     * {@code null} or empty gives none.
     */
    public static List<Path> parseSearchPath(String envValue) {
        List<Path> directories = new ArrayList<>();
        if (envValue != null) {
            for (String entry : envValue.split(":")) {
                if (!entry.isEmpty()) {
                    directories.add(Path.of(entry));
                }
            }
        }
        return List.copyOf(directories);
    }

    private LoadedConfig read(Path mainFile, List<Path> searchPath) throws ConfigException {
        if (!Files.exists(mainFile)) {
            throw ConfigException.of("configuration file " + mainFile
                    + " does not exist; create it or pass another with --config");
        }
        if (!Files.isRegularFile(mainFile)) {
            throw ConfigException.of("configuration file " + mainFile
                    + " is not a regular file; pass the configuration file itself with --config");
        }
        Problems problems = new Problems();
        Config effective = merge(mainFile, searchPath, problems);
        LoadedConfig config = validate(effective, problems, mainFile.getParent());
        problems.throwIfAny();
        return config;
    }

    private Config merge(Path mainFile, List<Path> searchPath, Problems problems) throws ConfigException {
        ConfigParseOptions options = ConfigParseOptions.defaults()
                .setAllowMissing(false)
                .setIncluder(new DirectoryIncluder(filesRead::add));
        try {
            Config operator = ConfigFactory.empty();
            for (Path directory : searchPath) {
                Path layer = directory.toAbsolutePath().normalize().resolve(mainFile.getFileName());
                if (Files.isRegularFile(layer)) {
                    operator = operator.withFallback(parse(layer, options));
                }
            }
            operator = operator.withFallback(parse(mainFile, options));
            Config reference = reference();
            Config probe = operator.withFallback(reference)
                    .resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true));
            Config defaults = new DefaultsFiles(options, problems, mainFile.getParent(), filesRead::add).layer(probe);
            return operator.withFallback(defaults).withFallback(reference).resolve();
        } catch (com.typesafe.config.ConfigException e) {
            problems.add(e);
            problems.throwIfAny();
            throw new IllegalStateException("unreachable: a problem was just recorded", e);
        }
    }

    private Config parse(Path file, ConfigParseOptions options) {
        filesRead.add(file);
        return ConfigFactory.parseFile(file.toFile(), options);
    }

    private static Config reference() {
        ConfigParseOptions options = ConfigParseOptions.defaults().setAllowMissing(false);
        // Only the configd section: another library's reference.conf on the class path must not add keys.
        return ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), REFERENCE, options)
                .withOnlyPath("configd");
    }

    private LoadedConfig validate(Config effective, Problems problems, Path mainDirectory) {
        Section top = new Section(List.of(), effective.root(), problems, mainDirectory);
        top.allowOnly(TOP_LEVEL_KEYS);
        Section configd = top.section("configd");
        DaemonSettings daemon = configd == null ? null : new DaemonSettingsReader(configd, accounts).read();
        Section components = top.section("components");
        Map<String, ComponentSpec> specs = new TreeMap<>();
        if (components != null) {
            ComponentReader reader = new ComponentReader(accounts,
                    daemon == null ? null : daemon.stopTimeout(), daemon == null ? null : daemon.startTimeout());
            for (var entry : new TreeMap<>(components.object()).entrySet()) {
                // "name = null" in a higher layer takes away a component that a lower layer defines.
                if (entry.getValue().valueType() == ConfigValueType.NULL) {
                    continue;
                }
                Section section = components.section(entry.getKey());
                ComponentSpec spec = section == null ? null : reader.read(entry.getKey(), section);
                if (spec != null) {
                    specs.put(spec.name(), spec);
                }
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new LoadedConfig(daemon, specs, filesRead.stream().distinct().toList());
    }
}
