package org.configd.supervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RenderTest {

    @Test
    void readsTheSecondOfEveryInstantAsConfigdWritesIt() {
        SplittableRandom random = new SplittableRandom(42);
        long from = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        int[] precisions = {1_000_000_000, 1_000_000, 1_000, 1}; // whole seconds, then 3, 6 and 9 digits
        for (int i = 0; i < 100_000; i++) {
            int unit = precisions[i % precisions.length];
            Instant t = Instant.ofEpochSecond(random.nextLong(from, to + 1),
                    random.nextInt(1_000_000_000) / unit * unit);
            assertEquals(t.getEpochSecond(), Render.epochSecond(t.toString()), t.toString());
        }
        for (String edge : new String[] {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z",
                "2024-02-29T12:00:00Z", "2000-02-29T23:59:59.5Z"}) {
            assertEquals(Instant.parse(edge).getEpochSecond(), Render.epochSecond(edge), edge);
        }
    }

    @Test
    void agreesWithTheJdkOnEveryOtherForm() {
        String[] odd = {"", "yesterday", "+10000-01-01T00:00:00Z", "2026-11-21T24:00:00Z", "2026-11-21T22:00:00.Z",
            "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-21T22:60:00Z", "2026-11-21T22:00:60Z",
            "2026-11-21T22:00:00", "2026-11-21T22:00:00.12x4Z", "2026-11-21T22:00:00.1234567890Z",
            "2026-1a-21T22:00:00Z", "2026-11-21 22:00:00Z", "2026-11-21t22:00:00z", "-0001-01-01T00:00:00Z",
            "2026-11-21T22:00:00X", "2026-11-21T22:00:00.5+"};
        for (String t : odd) {
            long expected;
            try {
                expected = Instant.parse(t).getEpochSecond();
            } catch (DateTimeException e) {
                assertThrows(DateTimeException.class, () -> Render.epochSecond(t), t);
                continue;
            }
            assertEquals(expected, Render.epochSecond(t), t);
        }
    }

    @Test
    void uptimeIsCoarserTheLongerItIsAndAQuestionMarkForWhatIsNoTime() {
        Instant now = Instant.parse("2026-11-21T22:00:00Z");
        assertEquals("0s", Render.uptime("2026-11-21T22:00:00.999Z", now));
        assertEquals("0s", Render.uptime("2026-11-21T22:00:05Z", now), "a clock behind configd's is no negative age");
        assertEquals("59s", Render.uptime("2026-11-21T21:59:01Z", now));
        assertEquals("1m0s", Render.uptime("2026-11-21T21:59:00Z", now));
        assertEquals("2h3m", Render.uptime("2026-11-21T19:56:10.5Z", now));
        assertEquals("3d4h", Render.uptime("2026-11-18T17:59:59.123456Z", now));
        assertEquals("?", Render.uptime("", now));
        assertEquals("?", Render.uptime("soon", now));
    }
}
