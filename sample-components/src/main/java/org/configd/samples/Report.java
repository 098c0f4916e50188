package org.configd.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.configd.sdk.Configd;
import org.configd.sdk.ConfigdException;
import org.configd.sdk.License;
import org.configd.sdk.Log;
import org.configd.sdk.Reload;
import org.configd.sdk.Settings;

/**
 * A licensed component: it runs only while the license is valid and includes the feature {@code report}; otherwise
 * it exits 101 and configd waits for a new license. Every {@code interval} it logs a one-line report of configd's
 * state, read from the info socket like any tool would.
 *
 * <pre>
 * settings { interval = 1m }
 * </pre>
 */
final class Report {

    static final String FEATURE = "report";

    private static final Log LOG = Log.stderr();
    private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    private Report() {
    }

    static void run(Configd configd) throws InterruptedException {
        License license = configd.requireFeature(FEATURE);
        AtomicReference<Duration> interval = new AtomicReference<>(interval(configd.settings()));
        configd.onReload((previous, next) -> {
            // A reload may bring a new license: one without the feature ends the component here (exit 101).
            License now = configd.requireFeature(FEATURE);
            interval.set(interval(next));
            LOG.info("licensed by %s; reporting every %s (generation %d)", now.describe(),
                    text(interval.get()), next.generation());
            return Reload.APPLIED;
        });
        LOG.info("licensed by %s; reporting every %s", license.describe(), text(interval.get()));
        for (long n = 1; ; n++) {
            report(n, configd);
            Thread.sleep(interval.get().toMillis());
        }
    }

    private static Duration interval(Settings settings) {
        Duration interval = settings.getDuration("interval", DEFAULT_INTERVAL);
        if (interval.toMillis() < 100) {
            throw settings.invalid("interval", "must be at least 100ms");
        }
        return interval;
    }

    private static String text(Duration interval) {
        return interval.toMillis() % 1000 == 0 ? interval.toSeconds() + "s" : interval.toMillis() + "ms";
    }

    private static void report(long n, Configd configd) {
        try (Configd info = Configd.connectToInfoSocket("report/0.1")) {
            ObjectNode status = info.request("status", null);
            Map<String, Integer> states = new TreeMap<>();
            for (JsonNode component : status.path("components")) {
                states.merge(component.path("state").asText(), 1, Integer::sum);
            }
            StringJoiner byState = new StringJoiner(", ");
            states.forEach((state, count) -> byState.add(count + " " + state));
            LOG.info("report #%d: %d components (%s); generation %d; license %s", n,
                    status.path("components").size(), byState, status.path("generation").asLong(),
                    status.path("license").path("state").asText());
            configd.status("report #" + n + " at " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS));
        } catch (ConfigdException e) {
            LOG.warning("report #%d skipped: %s", n, e.getMessage());
        }
    }
}
