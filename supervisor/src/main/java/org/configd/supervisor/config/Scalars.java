package org.configd.supervisor.config;

import com.typesafe.config.ConfigValue;

/** Reads a string, number or boolean as the text it stands for (a command argument, an environment value). */
final class Scalars {

    private Scalars() {
    }

    /** The value as text, numbers as written ({@code 1.50} stays {@code 1.50}); {@code null} for other types. */
    static String asString(ConfigValue value) {
        switch (value.valueType()) {
            case STRING:
                return (String) value.unwrapped();
            case NUMBER:
            case BOOLEAN:
                return value.render();
            default:
                return null;
        }
    }
}
