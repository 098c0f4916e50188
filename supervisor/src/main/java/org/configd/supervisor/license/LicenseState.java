package org.configd.supervisor.license;

/** What the license allows right now, as {@code configctl license} and the {@code status} op report it. */
public enum LicenseState {
    /** Signed by the vendor's key and not expired. */
    VALID("valid"),
    /** Signed by the vendor's key, but the end of its expiry day (UTC) has passed. */
    EXPIRED("expired"),
    /** The signature does not match the content, or the file is not a well-formed license at all. */
    BAD_SIGNATURE("bad-signature"),
    /** There is no license file. */
    MISSING("missing"),
    /** There is a license, but no public key to check it with (none configured, or the key file is unusable). */
    UNVERIFIED("unverified");

    private final String wireName;

    LicenseState(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire and in configctl's output, e.g. {@code bad-signature}. */
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
