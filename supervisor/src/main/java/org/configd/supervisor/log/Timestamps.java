package org.configd.supervisor.log;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Writes and reads the time of a record: local time with its offset, to the millisecond, ISO-8601, e.g.
 * {@code 2026-11-21T08:52:00.123+01:00}. The offset is always numeric ({@code +00:00}, never {@code Z}), so every
 * timestamp has the same width.
 */
final class Timestamps {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx");

    /** The text of one second in this zone: formatting the date is the costly part and is shared by a second's records. */
    private record Second(long epochSecond, String dateTime, String offset) {}

    private final ZoneId zone;
    /** Immutable, so that the writer threads of the log may race on it harmlessly. */
    private volatile Second last;

    Timestamps(ZoneId zone) {
        this.zone = zone;
    }

    void append(StringBuilder out, long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000);
        int millis = (int) Math.floorMod(epochMillis, 1000);
        Second second = last;
        if (second == null || second.epochSecond != epochSecond) {
            OffsetDateTime time = Instant.ofEpochSecond(epochSecond).atZone(zone).toOffsetDateTime();
            second = new Second(epochSecond, SECONDS.format(time), OFFSET.format(time));
            last = second;
        }
        out.append(second.dateTime).append('.');
        if (millis < 100) {
            out.append('0');
        }
        if (millis < 10) {
            out.append('0');
        }
        out.append(millis).append(second.offset);
    }

    /** The instant a timestamp names; also accepts {@code Z} and other ISO-8601 offset forms. */
    static Instant parse(CharSequence text) throws DateTimeParseException {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }
}
