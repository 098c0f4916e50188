package org.configd.supervisor.license;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A license as loaded: its terms, how checking its signature went, and a fingerprint of the files it came from.
 * Whether it has expired depends on when one asks, so that is a question ({@link #stateAt}), not a field.
 *
 * @param id           the license's id; {@code null} when the file is missing or malformed
 * @param licensee     who it is issued to; {@code null} when missing or malformed
 * @param issued       the day it was issued; {@code null} when missing or malformed
 * @param expires      the last day it is valid (through the end of that day, UTC); {@code null} when missing or
 *                     malformed
 * @param features     the licensed features; empty when missing or malformed
 * @param verification the outcome of checking the files: never {@link LicenseState#EXPIRED}, which depends on time
 * @param reason       why the verification is not {@link LicenseState#VALID}, in one sentence naming the fix
 * @param fingerprint  SHA-256 (hex) of the license file, a colon, SHA-256 of the public key file ("" for an absent
 *                     file): the license changes exactly when this changes
 */
public record License(
        String id,
        String licensee,
        LocalDate issued,
        LocalDate expires,
        List<String> features,
        LicenseState verification,
        Optional<String> reason,
        String fingerprint) {

    public License {
        features = List.copyOf(features);
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (verification == LicenseState.EXPIRED) {
            throw new IllegalArgumentException("expiry is asked with stateAt(now), not stored");
        }
        if (verification == LicenseState.VALID && expires == null) {
            throw new IllegalArgumentException("a verified license has an expiry day");
        }
    }

    /** A license that could not be used at all: no terms, only the state and why. */
    static License unusable(LicenseState state, String reason, String fingerprint) {
        return new License(null, null, null, null, List.of(), state, Optional.of(reason), fingerprint);
    }

    /** The state at {@code now}: {@link LicenseState#EXPIRED} once a verified license's last day has ended. */
    public LicenseState stateAt(Instant now) {
        if (verification == LicenseState.VALID && !now.isBefore(endOfValidity())) {
            return LicenseState.EXPIRED;
        }
        return verification;
    }

    /** Whether, at {@code now}, the license is valid and lists {@code feature}. */
    public boolean allows(String feature, Instant now) {
        return stateAt(now) == LicenseState.VALID && features.contains(feature);
    }

    /** Why the license is not valid at {@code now}, in one sentence; empty when it is valid. */
    public Optional<String> reasonAt(Instant now) {
        if (stateAt(now) == LicenseState.EXPIRED) {
            return Optional.of("license " + id + " expired at the end of " + expires
                    + " (UTC); install a renewed license");
        }
        return reason;
    }

    /**
     * What clients may see: {@code {"state", "id", "licensee", "issued", "expires", "features", "reason"?}}.
     * Never any key material.
     */
    public ObjectNode summary(Instant now) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode summary = nodes.objectNode();
        summary.put("state", stateAt(now).wireName());
        summary.put("id", id);
        summary.put("licensee", licensee);
        summary.put("issued", issued == null ? null : issued.toString());
        summary.put("expires", expires == null ? null : expires.toString());
        ArrayNode list = summary.putArray("features");
        features.forEach(list::add);
        reasonAt(now).ifPresent(text -> summary.put("reason", text));
        return summary;
    }

    /** The first instant the license is no longer valid: midnight UTC after its last day. */
    private Instant endOfValidity() {
        return expires.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
