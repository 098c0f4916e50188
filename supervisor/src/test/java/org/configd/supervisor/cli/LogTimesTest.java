package org.configd.supervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LogTimesTest {

    /** 2026-11-21 10:30 in Berlin (UTC+1 in November). */
    private static final Clock BERLIN = Clock.fixed(Instant.parse("2026-11-21T09:30:00Z"), ZoneId.of("Europe/Berlin"));

    @Test
    void agesCountBackFromNow() throws Exception {
        assertEquals(Instant.parse("2026-11-21T09:29:30Z"), parse("30s"));
        assertEquals(Instant.parse("2026-11-21T09:20:00Z"), parse("10m"));
        assertEquals(Instant.parse("2026-11-21T07:30:00Z"), parse("2h"));
        assertEquals(Instant.parse("2026-11-20T09:30:00Z"), parse("1d"));
        assertEquals(Instant.parse("2026-11-14T09:30:00Z"), parse("1w"));
        assertEquals(Instant.parse("2026-11-21T09:30:00Z"), parse("now"));
    }

    @Test
    void timesWithoutOffsetAreLocal() throws Exception {
        assertEquals(Instant.parse("2026-11-21T07:52:00Z"), parse("2026-11-21T08:52"));
        assertEquals(Instant.parse("2026-11-21T07:52:10.250Z"), parse("2026-11-21 08:52:10.250"));
        assertEquals(Instant.parse("2026-11-20T23:00:00Z"), parse("2026-11-21"));
        assertEquals(Instant.parse("2026-11-20T23:00:00Z"), parse("today"));
        assertEquals(Instant.parse("2026-11-19T23:00:00Z"), parse("yesterday"));
        assertEquals(Instant.parse("2026-11-21T07:15:00Z"), parse("08:15"));
    }

    @Test
    void timesWithOffsetAreInstants() throws Exception {
        assertEquals(Instant.parse("2026-11-21T08:52:00Z"), parse("2026-11-21T08:52:00Z"));
        assertEquals(Instant.parse("2026-11-21T13:52:00Z"), parse("2026-11-21T08:52:00-05:00"));
        assertEquals(Instant.parse("2026-11-21T06:52:00Z"), parse("2026-11-21T08:52+02:00"));
    }

    @Test
    void anythingElseIsOneSentenceNamingTheOption() {
        for (String bad : new String[] {"", "10 minutes", "2026-13-01", "25:00", "-5m", "soon"}) {
            Configctl.UsageException e = assertThrows(Configctl.UsageException.class,
                    () -> LogTimes.parse("--until", bad, BERLIN), bad);
            assertTrue(e.getMessage().startsWith("--until '" + bad + "' is not a time; use "), e.getMessage());
        }
    }

    private static Instant parse(String text) throws Configctl.UsageException {
        return LogTimes.parse("--since", text, BERLIN);
    }
}
