package org.configd.supervisor.config;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One object of the configuration, such as {@code configd.log}, read key by key into Java values with strict types
 * (Typesafe's own getters would take the string "10" for a number and ignore misspelt keys).
 *
 * <p>A read that fails records a problem and returns {@code null}: callers build their record only when the whole
 * load found no problem, so a {@code null} never reaches one.
 */
final class Section {

    private static final String DURATION_HINT = "use a number with a unit, e.g. 500ms, 30s, 2m";

    private final List<String> path;
    private final ConfigObject object;
    private final Problems problems;
    private final Path fallbackDirectory;

    Section(List<String> path, ConfigObject object, Problems problems, Path fallbackDirectory) {
        this.path = List.copyOf(path);
        this.object = object;
        this.problems = problems;
        this.fallbackDirectory = fallbackDirectory;
    }

    /** This section's dotted path, quoted where a name needs it ({@code components."a.b"}); "" at the top. */
    String path() {
        return path.isEmpty() ? "" : ConfigUtil.joinPath(path);
    }

    /** The dotted path of {@code name} inside this section. */
    String key(String name) {
        List<String> elements = new ArrayList<>(path);
        elements.add(name);
        return ConfigUtil.joinPath(elements);
    }

    Problems problems() {
        return problems;
    }

    ConfigObject object() {
        return object;
    }

    /** The raw value of {@code name}; {@code null} when absent (a HOCON {@code null} is a present ConfigNull). */
    ConfigValue value(String name) {
        return object.get(name);
    }

    /** Records an "unknown key" problem for every key of this section not in {@code known}. */
    void allowOnly(List<String> known) {
        for (var entry : object.entrySet()) {
            String name = entry.getKey();
            if (!known.contains(name)) {
                String hint = Suggestions.closest(name, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
                problems.add(entry.getValue().origin(), path(),
                        "unknown key '" + name + "'" + hint + "; known keys are: " + String.join(", ", known));
            }
        }
    }

    /** The nested object {@code name}; an absent one reads as empty. */
    Section section(String name) {
        ConfigValue value = value(name);
        List<String> childPath = new ArrayList<>(path);
        childPath.add(name);
        if (value == null) {
            return new Section(childPath, ConfigFactory.empty().root(), problems, fallbackDirectory);
        }
        if (value.valueType() != ConfigValueType.OBJECT) {
            problems.badValue(key(name), value, "is not an object; use { key = value, ... }");
            return null;
        }
        return new Section(childPath, (ConfigObject) value, problems, fallbackDirectory);
    }

    /** A duration greater than zero, written with a unit; {@code ifAbsent} when not set ({@code null}: required). */
    Duration duration(String name, Duration ifAbsent) {
        ConfigValue value = value(name);
        if (value == null) {
            return ifAbsent != null ? ifAbsent : missing(name, DURATION_HINT);
        }
        // A bare number would silently mean milliseconds: "stop-timeout = 30" is a 30 ms timeout. Refuse it.
        if (value.valueType() != ConfigValueType.STRING) {
            problems.badValue(key(name), value, "is not a duration; " + DURATION_HINT);
            return null;
        }
        Duration duration;
        try {
            duration = value.atKey("v").getDuration("v");
        } catch (com.typesafe.config.ConfigException e) {
            problems.badValue(key(name), value, "is not a duration; " + DURATION_HINT);
            return null;
        }
        if (duration.isNegative() || duration.isZero()) {
            problems.badValue(key(name), value, "is not greater than zero; " + DURATION_HINT);
            return null;
        }
        return duration;
    }

    /** A size in bytes, a number or with a unit ({@code 16k} is 16384), from {@code min} to {@code max}. */
    Long size(String name, long min, long max) {
        ConfigValue value = value(name);
        String allowed = "use a size from " + Sizes.render(min) + " to " + Sizes.render(max) + ", e.g. 16k, 1M";
        if (value == null || (value.valueType() != ConfigValueType.STRING
                && value.valueType() != ConfigValueType.NUMBER)) {
            missingOrBad(name, value, "is not a size; " + allowed);
            return null;
        }
        long bytes;
        try {
            bytes = value.atKey("v").getBytes("v");
        } catch (com.typesafe.config.ConfigException e) {
            problems.badValue(key(name), value, "is not a size; " + allowed);
            return null;
        }
        if (bytes < min || bytes > max) {
            problems.badValue(key(name), value, "is out of range; " + allowed);
            return null;
        }
        return bytes;
    }

    /** A whole number from {@code min} to {@code max}; a string such as "10" is refused. */
    Integer integer(String name, int min, int max) {
        ConfigValue value = value(name);
        String allowed = "use a whole number from " + min + " to " + max;
        if (value == null || value.valueType() != ConfigValueType.NUMBER
                || !(value.unwrapped() instanceof Integer || value.unwrapped() instanceof Long)) {
            missingOrBad(name, value, "is not a whole number; " + allowed);
            return null;
        }
        long number = ((Number) value.unwrapped()).longValue();
        if (number < min || number > max) {
            problems.badValue(key(name), value, "is out of range; " + allowed);
            return null;
        }
        return (int) number;
    }

    /** {@code true} or {@code false}; strings such as "yes" are refused. */
    Boolean bool(String name) {
        ConfigValue value = value(name);
        if (value == null || value.valueType() != ConfigValueType.BOOLEAN) {
            missingOrBad(name, value, "is not true or false; use true or false");
            return null;
        }
        return (Boolean) value.unwrapped();
    }

    /** One of {@code allowed}; {@code ifAbsent} when the key is not set ({@code null}: required). */
    String oneOf(String name, String ifAbsent, List<String> allowed) {
        ConfigValue value = value(name);
        if (value == null) {
            return ifAbsent != null ? ifAbsent : missing(name, "use " + Suggestions.orList(allowed));
        }
        // HOCON reads an unquoted null as the null value, so "stdout = null" arrives as NULL, not as a string.
        String text = value.valueType() == ConfigValueType.NULL ? "null"
                : value.valueType() == ConfigValueType.STRING ? (String) value.unwrapped() : null;
        if (text == null || !allowed.contains(text)) {
            problems.badValue(key(name), value, "is not allowed; use " + Suggestions.orList(allowed));
            return null;
        }
        return text;
    }

    /** One of the constants of an enum whose names in the configuration are its {@code configName()}s. */
    <E extends Enum<E> & ConfigChoice> E choice(String name, E ifAbsent, Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.configName());
        }
        String chosen = oneOf(name, ifAbsent.configName(), names);
        return chosen == null ? null : ConfigChoice.byConfigName(type, chosen).orElseThrow();
    }

    /** A string; {@code ifAbsent} when the key is not set ({@code null}: required). */
    String string(String name, String ifAbsent) {
        ConfigValue value = value(name);
        if (value == null) {
            return ifAbsent != null ? ifAbsent : missing(name, "use a quoted string");
        }
        if (value.valueType() != ConfigValueType.STRING) {
            problems.badValue(key(name), value, "is not a string; use a quoted string");
            return null;
        }
        return (String) value.unwrapped();
    }

    /**
     * A path, absolute or relative to the directory of the file that set it; {@code ifAbsent} when not set
     * ({@code null}: required).
     * An empty string is refused: callers that allow "" for "none" use {@link #optionalPath}.
     */
    Path path(String name, Path ifAbsent) {
        ConfigValue value = value(name);
        if (value == null) {
            return ifAbsent != null ? ifAbsent : missing(name, "use a path, absolute or relative to this file");
        }
        String text = string(name, null);
        if (text == null) {
            return null;
        }
        if (text.isEmpty()) {
            problems.badValue(key(name), value, "is empty; use a path, absolute or relative to this file");
            return null;
        }
        return resolve(value, text, name);
    }

    /** Like {@link #path} but "" (or absent) means none. */
    Optional<Path> optionalPath(String name) {
        ConfigValue value = value(name);
        String text = string(name, "");
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(resolve(value, text, name));
    }

    /** {@code text}, set by {@code value}, as an absolute path: relative ones count from the setting file. */
    Path resolve(ConfigValue value, String text, String name) {
        try {
            return directoryOf(value).resolve(text).normalize();
        } catch (InvalidPathException e) {
            problems.badValue(key(name), value, "is not a valid path (" + e.getReason() + "); use a plain path");
            return null;
        }
    }

    /** The directory of the file that set {@code value}, which is what a relative path in it is relative to. */
    Path directoryOf(ConfigValue value) {
        String file = value.origin().filename();
        if (file == null) {
            return fallbackDirectory;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        return parent != null ? parent : fallbackDirectory;
    }

    /** A list whose items are strings, numbers or booleans (kept as written, as strings). */
    List<String> stringList(String name) {
        ConfigValue value = value(name);
        if (value == null) {
            return List.of();
        }
        if (value.valueType() != ConfigValueType.LIST) {
            problems.badValue(key(name), value, "is not a list; use a list of strings, e.g. [\"a\", \"b\"]");
            return null;
        }
        List<String> items = new ArrayList<>();
        boolean bad = false;
        List<?> list = (List<?>) value;
        for (int i = 0; i < list.size(); i++) {
            ConfigValue item = (ConfigValue) list.get(i);
            String text = Scalars.asString(item);
            if (text == null) {
                problems.badValue(key(name) + "[" + i + "]", item, "is not a string; use a string, number or boolean");
                bad = true;
            }
            items.add(text);
        }
        return bad ? null : items;
    }

    private void missingOrBad(String name, ConfigValue value, String complaint) {
        if (value == null) {
            missing(name, complaint.substring(complaint.indexOf("; ") + 2));
        } else {
            problems.badValue(key(name), value, complaint);
        }
    }

    /** Records that a required key is not set. Every key of configd has a default, so this is a component's. */
    <T> T missing(String name, String allowed) {
        problems.add(object.origin(), path(), "'" + name + "' is missing; " + allowed);
        return null;
    }
}
