package org.configd.supervisor.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** Compares two configurations component by component, to decide what a reload has to do. */
public final class ConfigDiff {

    private ConfigDiff() {
    }

    /**
     * The change of every component named in either configuration, sorted by name. When both the process and
     * the settings changed, the result is {@link ComponentChange#PROCESS}: the restart delivers the new settings.
     */
    public static Map<String, ComponentChange> between(LoadedConfig old, LoadedConfig neu) {
        TreeSet<String> names = new TreeSet<>(old.components().keySet());
        names.addAll(neu.components().keySet());
        Map<String, ComponentChange> changes = new LinkedHashMap<>();
        for (String name : names) {
            changes.put(name, change(old.components().get(name), neu.components().get(name)));
        }
        return Collections.unmodifiableMap(changes);
    }

    /** Whether the daemon's own settings (the {@code configd} section) differ. */
    public static boolean daemonChanged(LoadedConfig old, LoadedConfig neu) {
        return !old.daemon().equals(neu.daemon());
    }

    /** The change from {@code old} to {@code neu}, either of which is {@code null} when absent. */
    static ComponentChange change(ComponentSpec old, ComponentSpec neu) {
        if (old == null) {
            return neu == null ? ComponentChange.UNCHANGED : ComponentChange.ADDED;
        }
        if (neu == null) {
            return ComponentChange.REMOVED;
        }
        if (old.equals(neu)) {
            return ComponentChange.UNCHANGED;
        }
        if (processChanged(old, neu)) {
            return ComponentChange.PROCESS;
        }
        if (!old.settings().equals(neu.settings()) || !old.secretSettings().equals(neu.secretSettings())) {
            return ComponentChange.SETTINGS;
        }
        return ComponentChange.SUPERVISION;
    }

    /** What the running process was made from: a change here only takes effect through a restart. */
    private static boolean processChanged(ComponentSpec old, ComponentSpec neu) {
        return !old.command().equals(neu.command())
                || !old.user().equals(neu.user())
                || !old.group().equals(neu.group())
                || !old.environment().equals(neu.environment())
                || !old.workingDirectory().equals(neu.workingDirectory())
                || old.stdout() != neu.stdout();
    }
}
