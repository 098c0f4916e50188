package org.configd.supervisor.config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.configd.supervisor.license.License;
import org.configd.supervisor.license.LicenseState;

/**
 * What {@code configd --check} reports besides errors: things that do not stop configd from starting but that an
 * operator wants to hear about before they bite.
 */
public final class ConfigCheck {

    private ConfigCheck() {
    }

    /**
     * Warnings, one sentence each: a license that is not valid at {@code now} (missing, unverified, expired,
     * bad signature: configd still starts, and components that need a license wait for one), and a secret
     * setting path that names no setting (a misspelt path redacts nothing, so the secret would be shown).
     */
    public static List<String> warnings(LoadedConfig config, License license, Instant now) {
        List<String> warnings = new ArrayList<>();
        if (license.stateAt(now) != LicenseState.VALID) {
            warnings.add("license is " + license.stateAt(now).wireName() + ": "
                    + license.reasonAt(now).orElse("it is not valid"));
        }
        for (ComponentSpec component : config.components().values()) {
            for (String path : component.secretSettings()) {
                if (component.settings().at(path).isEmpty()) {
                    warnings.add("components." + component.name() + ".secret-settings: '" + path
                            + "' names no setting, so it hides nothing; check its spelling against settings");
                }
            }
        }
        return List.copyOf(warnings);
    }
}
