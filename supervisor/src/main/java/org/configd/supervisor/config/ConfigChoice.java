package org.configd.supervisor.config;

import java.util.Locale;
import java.util.Optional;

/**
 * An enum whose constants are written in the configuration (and on the wire) by their lower-case, dashed name:
 * {@code ON_DEMAND} is {@code on-demand}.
 */
public interface ConfigChoice {

    /** The constant's own name, as {@link Enum#name()} gives it. */
    String name();

    /** The name used in the configuration and on the wire, e.g. {@code on-demand}. */
    default String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant of {@code type} whose configuration name is {@code configName}, if there is one. */
    static <E extends Enum<E> & ConfigChoice> Optional<E> byConfigName(Class<E> type, String configName) {
        for (E constant : type.getEnumConstants()) {
            if (constant.configName().equals(configName)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
