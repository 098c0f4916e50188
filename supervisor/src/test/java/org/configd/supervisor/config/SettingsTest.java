package org.configd.supervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Settings settings(String json) throws Exception {
        return Settings.of((ObjectNode) JSON.readTree(json));
    }

    @Test
    void redactionReplacesNestedSecretsAndLeavesTheRest() throws Exception {
        Settings settings = settings("""
                {"db": {"host": "h", "password": "p", "replica": {"password": "r"}},
                 "token": {"a": 1}, "plain": "x"}""");

        Settings redacted = settings.redacted(List.of("db.password", "db.replica.password", "token", "no.such"));

        assertEquals(settings("""
                {"db": {"host": "h", "password": "<redacted>", "replica": {"password": "<redacted>"}},
                 "token": "<redacted>", "plain": "x"}"""), redacted);
        assertEquals("p", settings.at("db.password").orElseThrow().asText(), "the original keeps its secrets");
    }

    @Test
    void aSecretPathThroughANonObjectRedactsNothing() throws Exception {
        Settings settings = settings("{\"db\": \"plain\"}");

        assertEquals(settings, settings.redacted(List.of("db.password")));
    }

    @Test
    void atFindsDottedPathsOnly() throws Exception {
        Settings settings = settings("{\"a\": {\"b\": [1, 2]}, \"c\": null}");

        assertEquals(JSON.readTree("[1, 2]"), settings.at("a.b").orElseThrow());
        assertEquals(Optional.empty(), settings.at("a.x"));
        assertEquals(Optional.empty(), settings.at("a.b.c"));
        assertEquals(true, settings.at("c").orElseThrow().isNull());
    }

    @Test
    void theWrappedJsonNeverEscapes() throws Exception {
        ObjectNode source = (ObjectNode) JSON.readTree("{\"a\": {\"b\": 1}}");
        Settings settings = Settings.of(source);

        source.put("a", 2);
        settings.toJson().put("a", 3);
        ((ObjectNode) settings.at("a").orElseThrow()).put("b", 4);

        assertEquals(settings("{\"a\": {\"b\": 1}}"), settings);
    }

    @Test
    void equalityIsDeepAndIgnoresKeyOrder() throws Exception {
        assertEquals(settings("{\"a\": {\"b\": 1, \"c\": [true]}}"), settings("{\"a\": {\"c\": [true], \"b\": 1}}"));
        assertEquals(settings("{\"a\": 1}").hashCode(), settings("{\"a\": 1}").hashCode());
        assertNotEquals(settings("{\"a\": {\"b\": 1}}"), settings("{\"a\": {\"b\": 2}}"));
    }
}
