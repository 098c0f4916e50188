package org.configd.supervisor.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.configd.supervisor.config.ComponentSpec;
import org.configd.supervisor.config.Settings;
import org.configd.supervisor.config.Snapshot;

/**
 * Every component's settings as JSON, full and redacted, made once per snapshot instead of once per
 * {@code config.get}: the info socket's hot path. The nodes are shared by every answer, so nothing may
 * change them; answers only put them into a response that is serialised and dropped.
 */
final class SettingsViews {

    private final Snapshot snapshot;
    private final Map<String, ObjectNode> full = new HashMap<>();
    private final Map<String, ObjectNode> redacted = new HashMap<>();

    private SettingsViews(Snapshot snapshot) {
        this.snapshot = snapshot;
        for (ComponentSpec spec : snapshot.config().components().values()) {
            full.put(spec.name(), spec.settings().toJson());
            redacted.put(spec.name(), spec.settings().redacted(spec.secretSettings()).toJson());
        }
    }

    /** The views of {@code snapshot}: {@code current} when it is of that snapshot, else new ones. */
    static SettingsViews of(Snapshot snapshot, SettingsViews current) {
        return current != null && current.snapshot == snapshot ? current : new SettingsViews(snapshot);
    }

    Snapshot snapshot() {
        return snapshot;
    }

    /** A component's settings, with its secrets when {@code secrets} (shared: never change it). */
    ObjectNode settings(String component, boolean secrets) {
        return (secrets ? full : redacted).get(component);
    }

    /** The value at a dotted path inside a component's settings (shared: never change it). */
    Optional<JsonNode> at(String component, boolean secrets, String dottedKey) {
        return Settings.find(settings(component, secrets), dottedKey);
    }
}
