package org.configd.supervisor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Iterator;
import java.util.Map;
import org.configd.protocol.MessageCodec;

/** configctl's human-readable output. Scripts use {@code --json}, which prints the daemon's result as is. */
final class Render {

    /** Made only for --json: a mapper costs configctl tens of milliseconds of start-up. */
    private static final class Pretty {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private final PrintStream out;

    Render(PrintStream out) {
        this.out = out;
    }

    void json(JsonNode node) {
        try {
            out.println(Pretty.MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void ping(JsonNode hello) {
        out.println(hello.path("server").asText("configd") + " is running: generation "
                + hello.path("generation").asLong() + ", protocol " + hello.path("protocol").asInt()
                + ", answered on the " + hello.path("socket").asText() + " socket");
    }

    void status(JsonNode s) {
        JsonNode license = s.path("license");
        out.println("generation " + s.path("generation").asLong() + ", license " + licenseLine(license)
                + ", log " + s.path("log-file").asText());
        StringBuilder table = new StringBuilder(128 * (s.path("components").size() + 1));
        row(table, "NAME", "STATE", "PID", "UPTIME", "RESTARTS", "LAST EXIT", "STATUS");
        Instant now = Instant.now();
        for (JsonNode c : s.path("components")) {
            String state = c.path("state").asText();
            boolean up = state.equals("running") || state.equals("starting");
            row(table, c.path("name").asText(), state,
                    c.path("pid").isNumber() ? c.path("pid").asText() : "-",
                    up ? uptime(c.path("since").asText(), now) : "-",
                    c.path("restarts").asText("0"),
                    lastExit(c.path("last-exit")),
                    c.path("status").isTextual() ? c.path("status").asText() : "");
        }
        out.print(table);
    }

    /**
     * One line of the status table, padded by hand: String.format parses its pattern with a regular expression at
     * every call, which in a short-lived JVM that never compiles it cost configctl 20 ms for 50 components.
     */
    private static void row(StringBuilder b, String name, String state, String pid, String uptime, String restarts,
                            String lastExit, String status) {
        left(b, name, 20).append(' ');
        left(b, state, 15).append(' ');
        right(b, pid, 7).append(' ');
        right(b, uptime, 9).append(' ');
        right(b, restarts, 8).append("  ");
        left(b, lastExit, 22).append(' ').append(status).append('\n');
    }

    private static StringBuilder left(StringBuilder b, String s, int width) {
        b.append(s);
        return spaces(b, width - s.length());
    }

    private static StringBuilder right(StringBuilder b, String s, int width) {
        return spaces(b, width - s.length()).append(s);
    }

    private static StringBuilder spaces(StringBuilder b, int n) {
        for (int i = 0; i < n; i++) {
            b.append(' ');
        }
        return b;
    }

    private static String licenseLine(JsonNode l) {
        StringBuilder b = new StringBuilder(l.path("state").asText("unknown"));
        if (l.hasNonNull("licensee")) {
            b.append(" (").append(l.path("licensee").asText());
            if (l.hasNonNull("expires")) {
                b.append(", expires ").append(l.path("expires").asText());
            }
            b.append(')');
        }
        return b.toString();
    }

    static String lastExit(JsonNode e) {
        if (e == null || e.isMissingNode() || e.isNull()) {
            return "-";
        }
        switch (e.path("kind").asText()) {
            case "exited":
                return "exit " + e.path("code").asInt();
            case "killed":
                return e.path("name").asText("signal " + e.path("signal").asInt())
                        + (e.path("core").asBoolean() ? " (core)" : "");
            case "spawn-failed":
                return "could not start";
            default:
                return MessageCodec.text(e);
        }
    }

    static String uptime(String since, Instant now) {
        long s;
        try {
            s = Math.max(0, now.getEpochSecond() - epochSecond(since));
        } catch (DateTimeException e) {
            return "?";
        }
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60) + "s";
        }
        if (s < 86400) {
            return (s / 3600) + "h" + (s % 3600 / 60) + "m";
        }
        return (s / 86400) + "d" + (s % 86400 / 3600) + "h";
    }

    /**
     * The second of an instant as configd writes it ({@link Instant#toString}: {@code 2026-11-21T22:20:05.123Z}),
     * read field by field: {@link Instant#parse} first builds the JDK's date-time formatters, which took a tenth of
     * a {@code configctl status}. Any other form goes to {@link Instant#parse}, which decides.
     */
    static long epochSecond(String t) {
        int n = t.length();
        if (n >= 20 && t.charAt(4) == '-' && t.charAt(7) == '-' && t.charAt(10) == 'T' && t.charAt(13) == ':'
                && t.charAt(16) == ':' && t.charAt(n - 1) == 'Z' && (n == 20 || t.charAt(19) == '.' && n > 21
                && n <= 30 && number(t, 20, n - 1) >= 0)) {
            try {
                return LocalDate.of(number(t, 0, 4), number(t, 5, 7), number(t, 8, 10)).toEpochDay() * 86_400
                        + LocalTime.of(number(t, 11, 13), number(t, 14, 16), number(t, 17, 19)).toSecondOfDay();
            } catch (DateTimeException e) {
                // not a date and time after all: Instant.parse says why
            }
        }
        return Instant.parse(t).getEpochSecond();
    }

    /** The decimal digits from {@code from} to {@code to}, or a value no date or time field accepts. */
    private static int number(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return Integer.MIN_VALUE;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Every component's settings, one {@code name.key = value} line per leaf, like drweb-ctl cfshow. */
    void settings(JsonNode components) {
        for (Iterator<Map.Entry<String, JsonNode>> it = components.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            flatten(e.getKey(), e.getValue());
        }
    }

    void componentSettings(JsonNode result) {
        String name = result.path("component").asText();
        if (result.has("key")) {
            flatten(name + "." + result.path("key").asText(), result.path("value"));
        } else {
            flatten(name, result.path("settings"));
        }
    }

    private void flatten(String prefix, JsonNode value) {
        if (value.isObject() && value.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix + "." + e.getKey(), e.getValue());
            }
        } else {
            out.println(prefix + " = " + MessageCodec.text(value));
        }
    }

    void license(JsonNode l) {
        out.println("state:    " + l.path("state").asText());
        field("id", l);
        field("licensee", l);
        field("issued", l);
        field("expires", l);
        if (l.has("features")) {
            StringBuilder b = new StringBuilder();
            for (JsonNode f : l.path("features")) {
                b.append(b.length() == 0 ? "" : ", ").append(f.asText());
            }
            out.println("features: " + b);
        }
        field("reason", l);
    }

    private void field(String name, JsonNode l) {
        if (l.hasNonNull(name)) {
            out.println(left(new StringBuilder(), name + ":", 9).append(' ').append(l.path(name).asText()));
        }
    }

    void acquired(JsonNode r) {
        out.println(r.path("component").asText() + " is " + r.path("state").asText() + " (pid "
                + r.path("pid").asText() + ")" + (r.hasNonNull("endpoint") ? ", endpoint " + r.path("endpoint").asText() : ""));
    }

    void reloaded(JsonNode r) {
        out.println(r.path("changed").asBoolean()
                ? "reloaded: now at generation " + r.path("generation").asLong()
                : "reloaded: nothing changed, still generation " + r.path("generation").asLong());
    }
}
