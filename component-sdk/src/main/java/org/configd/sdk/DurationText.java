package org.configd.sdk;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration the way configd's configuration writes one (HOCON's format): a number and a unit such as
 * {@code 30s}, {@code 100 ms}, {@code 1.5h} or {@code 2 days}; a bare number means milliseconds.
 */
final class DurationText {

    /** What an error message offers as the allowed forms. */
    static final String FORMS = "a duration such as \"500ms\", \"30s\", \"5m\", \"2h\" or \"1d\"";

    private static final Pattern DURATION = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)\\s*");
    private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000L);
    private static final Map<String, Long> NANOS_PER_UNIT = new HashMap<>();

    static {
        unit(1L, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        unit(1_000L, "us", "micro", "micros", "microsecond", "microseconds");
        unit(1_000_000L, "ms", "milli", "millis", "millisecond", "milliseconds");
        unit(1_000_000_000L, "s", "second", "seconds");
        unit(60_000_000_000L, "m", "minute", "minutes");
        unit(3_600_000_000_000L, "h", "hour", "hours");
        unit(86_400_000_000_000L, "d", "day", "days");
    }

    private DurationText() {
    }

    /** The duration {@code text} spells, or empty when it is not one (including one too long for a Duration). */
    static Optional<Duration> parse(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        Long nanosPerUnit = NANOS_PER_UNIT.get(m.group(2).isEmpty() ? "ms" : m.group(2));
        if (nanosPerUnit == null) {
            return Optional.empty();
        }
        return nanos(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit)));
    }

    /** A JSON number of milliseconds as a duration, or empty when it is negative or too long. */
    static Optional<Duration> ofMillis(BigDecimal millis) {
        return nanos(millis.multiply(NANOS_PER_MILLI));
    }

    private static Optional<Duration> nanos(BigDecimal nanos) {
        if (nanos.signum() < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofNanos(nanos.toBigInteger().longValueExact()));
        } catch (ArithmeticException tooLong) {
            return Optional.empty();
        }
    }

    private static void unit(long nanos, String... names) {
        for (String name : names) {
            NANOS_PER_UNIT.put(name, nanos);
        }
    }
}
