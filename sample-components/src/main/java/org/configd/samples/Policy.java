package org.configd.samples;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.configd.sdk.Configd;
import org.configd.sdk.Log;
import org.configd.sdk.Reload;
import org.configd.sdk.Settings;

/**
 * A component that validates its settings before using them: a mail policy with an action for oversized messages.
 * A bad value ends it with exit 102 and one line naming the setting, the value and what is allowed; configd then
 * waits for the configuration to change. Valid new settings are applied on the fly.
 *
 * <pre>
 * settings {
 *   action = reject                 # reject | quarantine | tag
 *   max-message-kb = 10240          # 1 .. 1048576
 *   quarantine-dir = "/var/spool/quarantine"   # absolute; required when action = quarantine
 * }
 * </pre>
 */
final class Policy {

    private static final Log LOG = Log.stderr();
    private static final List<String> ACTIONS = List.of("reject", "quarantine", "tag");
    private static final long LARGEST_KB = 1L << 20;

    /** The validated policy. */
    record Rules(String action, long maxMessageKb, Optional<Path> quarantineDir) {
        String describe() {
            return action + " messages over " + maxMessageKb + " KiB"
                    + quarantineDir.map(dir -> " into " + dir).orElse("");
        }
    }

    private Policy() {
    }

    static void run(Configd configd) throws InterruptedException {
        Rules rules = rules(configd.settings());
        AtomicReference<Rules> current = new AtomicReference<>(rules);
        configd.onReload((previous, next) -> {
            Rules now = rules(next); // throws on a bad value: the SDK exits 102 with its message
            if (!now.equals(current.getAndSet(now))) {
                LOG.info("policy now: %s (generation %d)", now.describe(), next.generation());
                configd.status(now.describe());
            }
            return Reload.APPLIED;
        });
        configd.status(rules.describe());
        LOG.info("policy in force: %s", rules.describe());
        new CountDownLatch(1).await(); // a policy is consulted, not run: wait until configd stops the process
    }

    static Rules rules(Settings settings) {
        String action = settings.getString("action");
        if (!ACTIONS.contains(action)) {
            throw settings.invalid("action", "must be one of " + String.join(", ", ACTIONS));
        }
        long maxKb = settings.getLong("max-message-kb");
        if (maxKb < 1 || maxKb > LARGEST_KB) {
            throw settings.invalid("max-message-kb", "must be between 1 and " + LARGEST_KB + " (1 GiB)");
        }
        Optional<Path> quarantine = Optional.empty();
        if (action.equals("quarantine")) {
            Path dir = Path.of(settings.getString("quarantine-dir"));
            if (!dir.isAbsolute()) {
                throw settings.invalid("quarantine-dir", "must be an absolute directory when action = quarantine");
            }
            quarantine = Optional.of(dir);
        }
        return new Rules(action, maxKb, quarantine);
    }
}
