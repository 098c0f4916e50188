package org.configd.sdk;

/**
 * Applies a new generation of a component's settings, after configd reloaded its configuration or license (it then
 * sends the component SIGHUP and a {@code reload} event; the SDK turns both into one call).
 *
 * <p>Called on the SDK's reload thread, one call at a time, once per new generation. A listener that finds the new
 * settings unusable throws {@link SettingsException} (the SDK exits 102 with its message); one that cannot apply them
 * without a restart returns {@link Reload#RESTART}. A license change also raises the generation: {@code next} may
 * then hold the same values as {@code previous}, and the listener may check the license again.
 */
@FunctionalInterface
public interface ReloadListener {

    /**
     * @param previous the settings in force until now
     * @param next     the new settings, all of one generation, newer than {@code previous}
     * @return whether they were applied or need a restart
     */
    Reload reload(Settings previous, Settings next);
}
