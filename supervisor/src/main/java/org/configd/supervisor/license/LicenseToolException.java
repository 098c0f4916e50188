package org.configd.supervisor.license;

import java.util.Optional;

/**
 * An operator's license command cannot be done; the message says why and what to do, in one sentence, ready to
 * print. When a license was read but is not valid, it comes along so that its summary can still be shown.
 */
public final class LicenseToolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient License license;

    LicenseToolException(String message) {
        this(message, null);
    }

    LicenseToolException(String message, License license) {
        super(message);
        this.license = license;
    }

    /** The license that was read, when the command got that far (e.g. a verify that found it expired). */
    public Optional<License> license() {
        return Optional.ofNullable(license);
    }
}
