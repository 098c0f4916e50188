package org.configd.supervisor.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.io.IOException;

/** Reads {@code configctl --json status NAME} of a running daemon. */
public final class Status {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Status() {}

    /** The status entry of one component. */
    public static JsonNode of(RunningDaemon d, String name) {
        CtlResult r = d.ctl("--json", "status", name);
        if (r.exit() != 0) {
            throw new IllegalStateException("configctl status " + name + " failed: " + r);
        }
        JsonNode entry = parse(r.out()).path("components").get(0);
        if (entry == null) {
            throw new IllegalStateException("configctl status " + name + " listed no such component: " + r);
        }
        return entry;
    }

    public static String state(RunningDaemon d, String name) {
        return of(d, name).path("state").asText();
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
