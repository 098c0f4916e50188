package org.configd.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The license summary configd hands out ({@code license.get}): its state and terms, never key material.
 * {@link Configd#requireFeature(String)} is the usual way to use it.
 *
 * @param state    {@value #VALID}, {@code expired}, {@code bad-signature}, {@code missing} or {@code unverified}
 *                 (a client accepts states it does not know, and treats them as not valid)
 * @param id       the license's id
 * @param licensee to whom it was issued
 * @param issued   when it was issued
 * @param expires  the last day it is valid (UTC)
 * @param features the licensed features, e.g. {@code ["scan", "report"]}; empty when unreadable
 * @param reason   why the state is not valid, when configd says
 */
public record License(String state, Optional<String> id, Optional<String> licensee, Optional<LocalDate> issued,
                      Optional<LocalDate> expires, List<String> features, Optional<String> reason) {

    /** The one state in which a license allows anything. */
    public static final String VALID = "valid";

    public License {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(licensee, "licensee");
        Objects.requireNonNull(issued, "issued");
        Objects.requireNonNull(expires, "expires");
        features = List.copyOf(features);
        Objects.requireNonNull(reason, "reason");
    }

    /** The license summary in a {@code license.get} result. */
    static License fromJson(JsonNode summary) {
        List<String> features = new ArrayList<>();
        summary.path("features").forEach(f -> features.add(f.asText()));
        return new License(summary.path("state").asText("missing"), text(summary, "id"), text(summary, "licensee"),
                date(summary, "issued"), date(summary, "expires"), features, text(summary, "reason"));
    }

    /** Whether the license is signed, verified and not expired. */
    public boolean isValid() {
        return VALID.equals(state);
    }

    /** Whether the license is valid and lists {@code feature}. */
    public boolean allows(String feature) {
        return isValid() && features.contains(feature);
    }

    /** The license in a few words for a log line: "DEMO-0001 for configd demo, valid until 2099-12-31". */
    public String describe() {
        return id.orElse("(no id)") + licensee.map(l -> " for " + l).orElse("") + ", " + state
                + expires.map(e -> " until " + e).orElse("");
    }

    private static Optional<String> text(JsonNode summary, String name) {
        JsonNode value = summary.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static Optional<LocalDate> date(JsonNode summary, String name) {
        try {
            return text(summary, name).map(LocalDate::parse);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }
}
