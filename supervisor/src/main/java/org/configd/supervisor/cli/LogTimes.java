package org.configd.supervisor.cli;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.configd.supervisor.cli.Configctl.UsageException;

/**
 * The times {@code configctl log --since} and {@code --until} accept, as an administrator types them:
 *
 * <pre>
 * 2026-11-21T08:52:00+01:00, 2026-11-21T07:52Z   an instant
 * 2026-11-21T08:52[:00[.123]], 2026-11-21 08:52   local time (this machine's zone)
 * 2026-11-21                                      the start of that day, local time
 * 08:52[:00]                                      today at that time
 * 30s, 10m, 2h, 1d, 1w                            that long ago
 * now, today, yesterday                           today and yesterday mean the start of the day
 * </pre>
 */
final class LogTimes {

    private static final Pattern AGE = Pattern.compile("(\\d{1,9})([smhdw])");
    private static final String FORMS = "use a time such as 2026-11-21T08:52:00, a date such as 2026-11-21, "
            + "a time of today such as 08:52, or an age such as 30s, 10m, 2h, 1d, 1w";

    private LogTimes() {}

    /**
     * The instant {@code text} names, relative ones counted back from {@code clock}'s now.
     *
     * @param option the option being parsed, for the message
     * @throws UsageException when {@code text} is none of the accepted forms
     */
    static Instant parse(String option, String text, Clock clock) throws UsageException {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        switch (t) {
            case "now":
                return now;
            case "today":
                return LocalDate.now(clock).atStartOfDay(clock.getZone()).toInstant();
            case "yesterday":
                return LocalDate.now(clock).minusDays(1).atStartOfDay(clock.getZone()).toInstant();
            default:
                break;
        }
        Matcher age = AGE.matcher(t);
        if (age.matches()) {
            return now.minus(unit(age.group(2)).multipliedBy(Long.parseLong(age.group(1))));
        }
        try {
            return absolute(text.trim().replace(' ', 'T'), clock);
        } catch (DateTimeException e) {
            throw new UsageException(option + " '" + text + "' is not a time; " + FORMS);
        }
    }

    private static Instant absolute(String t, Clock clock) {
        if (t.length() <= 8 && t.indexOf(':') > 0) {
            return LocalTime.parse(t).atDate(LocalDate.now(clock)).atZone(clock.getZone()).toInstant();
        }
        if (t.indexOf('T') < 0) {
            return LocalDate.parse(t).atStartOfDay(clock.getZone()).toInstant();
        }
        if (t.endsWith("Z") || t.endsWith("z") || t.lastIndexOf('+') > 0 || t.lastIndexOf('-') > t.indexOf('T')) {
            return OffsetDateTime.parse(t.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        }
        return LocalDateTime.parse(t).atZone(clock.getZone()).toInstant();
    }

    private static Duration unit(String letter) {
        switch (letter) {
            case "s":
                return Duration.ofSeconds(1);
            case "m":
                return Duration.ofMinutes(1);
            case "h":
                return Duration.ofHours(1);
            case "d":
                return Duration.ofDays(1);
            default:
                return Duration.ofDays(7);
        }
    }
}
