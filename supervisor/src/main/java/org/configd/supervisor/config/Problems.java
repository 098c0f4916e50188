package org.configd.supervisor.config;

import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one load, so that the operator sees them all at once rather than one per attempt. */
final class Problems {

    private static final int MAX_SHOWN_VALUE = 60;

    private final List<ConfigProblem> found = new ArrayList<>();

    void add(ConfigOrigin origin, String key, String message) {
        found.add(new ConfigProblem(ConfigProblem.where(origin), key, message));
    }

    /** Records {@code key = <value> <complaint>}, e.g. {@code = "soon" is not a duration; use ...}. */
    void badValue(String key, ConfigValue value, String complaint) {
        add(value.origin(), key, "= " + shown(value) + " " + complaint);
    }

    /** Records a problem Typesafe Config found (syntax, unreadable file, unresolved substitution). */
    void add(com.typesafe.config.ConfigException e) {
        String message = e.getMessage();
        ConfigOrigin origin = e.origin();
        // Typesafe prefixes its message with the origin's description; ours is in file:line form already.
        if (origin != null && message.startsWith(origin.description() + ": ")) {
            message = message.substring(origin.description().length() + 2);
        }
        found.add(new ConfigProblem(ConfigProblem.where(origin), "", message + advice(e)));
    }

    private static String advice(com.typesafe.config.ConfigException e) {
        if (e instanceof com.typesafe.config.ConfigException.UnresolvedSubstitution) {
            return "; define it, or write ${?NAME} where it may be unset";
        }
        if (e instanceof com.typesafe.config.ConfigException.Parse) {
            return "; fix the HOCON syntax there";
        }
        return "";
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    void throwIfAny() throws ConfigException {
        if (!found.isEmpty()) {
            throw new ConfigException(found);
        }
    }

    /** The value as written in JSON form, shortened so that a huge object cannot flood the message. */
    static String shown(ConfigValue value) {
        String rendered = value.render(ConfigRenderOptions.concise());
        return rendered.length() <= MAX_SHOWN_VALUE ? rendered : rendered.substring(0, MAX_SHOWN_VALUE) + "...";
    }
}
