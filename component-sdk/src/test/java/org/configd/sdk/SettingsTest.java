package org.configd.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static Settings settings(String json) throws Exception {
        return Settings.of("greeter", 7, (ObjectNode) new ObjectMapper().readTree(json));
    }

    private static final String JSON = """
            {"port": 8080, "greeting": "hello", "shout": true, "ratio": 1.5, "portText": "9090",
             "quiet": "off", "timeout": "30s", "pause": 250, "names": ["a", 2, true], "nothing": null,
             "db": {"host": "db1", "port": 5432, "pool": {"size": 4}}}
            """;

    @Test
    void typedGettersReadTheirValues() throws Exception {
        Settings s = settings(JSON);

        assertEquals(7, s.generation());
        assertEquals("greeter", s.component());
        assertEquals(8080, s.getInt("port"));
        assertEquals(8080L, s.getLong("port"));
        assertEquals("hello", s.getString("greeting"));
        assertEquals("8080", s.getString("port"));
        assertTrue(s.getBoolean("shout"));
        assertFalse(s.getBoolean("quiet"));
        assertEquals(9090, s.getInt("portText"));
        assertEquals(Duration.ofSeconds(30), s.getDuration("timeout"));
        assertEquals(Duration.ofMillis(250), s.getDuration("pause"));
        assertEquals(List.of("a", "2", "true"), s.getStringList("names"));
        assertEquals(5432, s.getInt("db.port"));
        assertEquals(Set.of("host", "port", "pool"), s.getSettings("db").keys());
        assertEquals(4, s.getSettings("db").getSettings("pool").getInt("size"));
        assertEquals(7, s.getSettings("db").generation());
    }

    @Test
    void fallbacksApplyOnlyToMissingOrNullSettings() throws Exception {
        Settings s = settings(JSON);

        assertEquals(1, s.getInt("missing", 1));
        assertEquals("x", s.getString("nothing", "x"));
        assertEquals(Duration.ofSeconds(2), s.getDuration("db.missing", Duration.ofSeconds(2)));
        assertEquals(8080, s.getInt("port", 1));
        assertFalse(s.has("nothing"));
        assertTrue(s.has("db.pool.size"));
        // A mistyped value is an error, never silently the fallback.
        assertThrows(SettingsException.class, () -> s.getInt("greeting", 1));
    }

    @Test
    void aMissingSettingNamesTheKeyAndWhereToSetIt() throws Exception {
        SettingsException e = assertThrows(SettingsException.class, () -> settings(JSON).getString("endpoint"));

        assertEquals("setting 'endpoint' is missing; fix components.greeter.settings.endpoint in the"
                + " configuration, then reload configd", e.getMessage());
        assertEquals("endpoint", e.key());
        assertEquals("greeter", e.component());
    }

    @Test
    void aWronglyTypedSettingNamesTheValueAndWhatIsAllowed() throws Exception {
        Settings s = settings(JSON);

        assertEquals("setting 'greeting' must be a whole number, not \"hello\"; fix"
                + " components.greeter.settings.greeting in the configuration, then reload configd",
                assertThrows(SettingsException.class, () -> s.getInt("greeting")).getMessage());
        assertTrue(assertThrows(SettingsException.class, () -> s.getInt("ratio")).getMessage()
                .contains("must be a whole number, not 1.5"));
        assertTrue(assertThrows(SettingsException.class, () -> s.getBoolean("greeting")).getMessage()
                .contains("must be true or false, not \"hello\""));
        assertTrue(assertThrows(SettingsException.class, () -> s.getDuration("greeting")).getMessage()
                .contains("must be a duration such as \"500ms\""));
        assertTrue(assertThrows(SettingsException.class, () -> s.getString("db")).getMessage()
                .contains("must be a string, not an object"));
        assertTrue(assertThrows(SettingsException.class, () -> s.getSettings("names")).getMessage()
                .contains("must be an object such as { key = value }, not a list"));
    }

    @Test
    void nestedSettingsNameTheirFullKey() throws Exception {
        SettingsException e = assertThrows(SettingsException.class,
                () -> settings(JSON).getSettings("db").getSettings("pool").getInt("max"));

        assertEquals("db.pool.max", e.key());
        assertTrue(e.getMessage().contains("components.greeter.settings.db.pool.max"), e.getMessage());
    }

    @Test
    void intOutOfRangeIsRefused() throws Exception {
        assertThrows(SettingsException.class, () -> settings("{\"n\": 3000000000}").getInt("n"));
        assertEquals(3_000_000_000L, settings("{\"n\": 3000000000}").getLong("n"));
    }

    @Test
    void invalidWordsAValidatorsComplaintLikeTheOthers() throws Exception {
        assertEquals("setting 'port' is 8080, but it must be below 1024; fix components.greeter.settings.port"
                + " in the configuration, then reload configd",
                settings(JSON).invalid("port", "must be below 1024").getMessage());
    }

    @Test
    void durationsReadEveryUnitOfTheConfigurationLanguage() {
        assertEquals(Duration.ofMillis(100), DurationText.parse("100ms").orElseThrow());
        assertEquals(Duration.ofMillis(100), DurationText.parse("100").orElseThrow());
        assertEquals(Duration.ofSeconds(90), DurationText.parse("1.5 minutes").orElseThrow());
        assertEquals(Duration.ofHours(2), DurationText.parse("2h").orElseThrow());
        assertEquals(Duration.ofDays(1), DurationText.parse(" 1d ").orElseThrow());
        assertEquals(Duration.ofNanos(5), DurationText.parse("5ns").orElseThrow());
        assertEquals(Duration.ofNanos(5000), DurationText.parse("5us").orElseThrow());
        assertTrue(DurationText.parse("5 fortnights").isEmpty());
        assertTrue(DurationText.parse("-5s").isEmpty());
        assertTrue(DurationText.parse("s").isEmpty());
        assertTrue(DurationText.parse("99999999999999999999d").isEmpty());
    }

    @Test
    void theSnapshotCannotBeChangedFromOutside() throws Exception {
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree("{\"greeting\": \"hello\"}");
        Settings s = Settings.of("greeter", 1, json);

        json.put("greeting", "changed");
        s.toJson().put("greeting", "changed too");

        assertEquals("hello", s.getString("greeting"));
    }
}
