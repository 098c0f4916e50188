package org.configd.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * Something configd tells a client without being asked, e.g. {@code {"event": "reload", "generation": 7}}. Events
 * have no id and are never answered. A client ignores events it does not know.
 *
 * @param event  the event's name
 * @param fields the other members of the object (never one named {@code event})
 */
public record Event(String event, ObjectNode fields) implements Message {

    /** Sent on a component's channel after its settings changed in a reload; field {@code generation}. */
    public static final String RELOAD = "reload";

    public Event {
        Objects.requireNonNull(event, "event");
        fields = fields == null ? JsonNodeFactory.instance.objectNode() : fields;
        if (fields.has("event")) {
            throw new IllegalArgumentException("an event's fields cannot include one named 'event'");
        }
    }

    /** The {@code reload} event: the component's settings changed and {@code generation} is now in force. */
    public static Event reload(long generation) {
        return new Event(RELOAD, JsonNodeFactory.instance.objectNode().set("generation", JsonTypes.number(generation)));
    }
}
