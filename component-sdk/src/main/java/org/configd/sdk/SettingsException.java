package org.configd.sdk;

import java.util.Objects;

/**
 * A component's setting is missing, has the wrong type or a value the component cannot use. The message is one
 * sentence for the operator: the setting, the bad value, what is allowed, and where to fix it (which names the
 * component: {@code components.NAME.settings.KEY}).
 *
 * <p>A component turns it into exit 102 (configd then waits for a configuration change): {@link Configd#run} and
 * the reload machinery do so by themselves; elsewhere call {@link Exit#badConfig(String)} with the message.
 */
public final class SettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String component;
    private final String key;

    /**
     * @param component the component whose settings these are
     * @param key       the full dotted key of the setting, e.g. {@code db.port}
     * @param message   the whole sentence, see {@link Settings#invalid(String, String)} for the usual wording
     */
    public SettingsException(String component, String key, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.component = Objects.requireNonNull(component, "component");
        this.key = Objects.requireNonNull(key, "key");
    }

    /** The component whose setting is wrong. */
    public String component() {
        return component;
    }

    /** The full dotted key of the wrong setting, e.g. {@code db.port}. */
    public String key() {
        return key;
    }
}
