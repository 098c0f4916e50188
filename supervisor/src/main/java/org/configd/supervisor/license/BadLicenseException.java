package org.configd.supervisor.license;

/** A license document is not well formed; the message says what, naming the file, in one sentence. */
final class BadLicenseException extends Exception {

    private static final long serialVersionUID = 1L;

    BadLicenseException(String reason) {
        super(reason);
    }
}
