package org.configd.supervisor.log;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.apache.logging.log4j.Level;

/**
 * Writes {@link ComponentLines} as records of the unified log, as bytes: the same bytes {@link LogRecordFormat} writes
 * for each line as a String, without decoding the line and encoding it again. The record's head (time, level, source,
 * pid) is formatted once per level and read; each line is copied, escaping only what needs it; a line that is not
 * well-formed UTF-8 (rare) takes the String path, which replaces what is malformed.
 *
 * <p>Not thread-safe: one per writing thread. The buffer it returns is reused by the next call.
 */
final class LineRenderer {

    private final ByteBuilder out = new ByteBuilder(32 * 1024);
    private final StringBuilder text = new StringBuilder(256);
    private LogRecordFormat format;
    private byte[] tail;
    /** The head of the last line written, and what it was made from: reused for the same component, level and millisecond. */
    private byte[] head;
    private Level headLevel;
    private long headMillis;
    private String headComponent;
    private int headPid;

    /** The records of every line, one after the other; valid until the next call. */
    ByteBuilder render(LogRecordFormat recordFormat, long epochMillis, ComponentLines lines) {
        if (recordFormat != format) {
            format = recordFormat;
            tail = recordFormat.tail().getBytes(UTF_8);
            head = null;
        }
        out.truncate(0);
        byte[] bytes = lines.bytes();
        for (int i = 0, n = lines.count(); i < n; i++) {
            out.append(head(epochMillis, lines, lines.level(i)));
            int start = lines.start(i);
            int end = lines.end(i);
            int mark = out.length();
            if (!format.messageEscaping().append(out, bytes, start, end)) {
                out.truncate(mark);
                appendDecoded(bytes, start, end);
            }
            out.append(tail);
        }
        return out;
    }

    private byte[] head(long epochMillis, ComponentLines lines, Level level) {
        if (head == null || level != headLevel || epochMillis != headMillis || lines.pid() != headPid
                || !lines.component().equals(headComponent)) {
            text.setLength(0);
            format.appendHead(text, epochMillis, level, lines.component(), lines.pid());
            head = text.toString().getBytes(UTF_8);
            headComponent = lines.component();
            headPid = lines.pid();
            headLevel = level;
            headMillis = epochMillis;
        }
        return head;
    }

    /** The String path, for bytes that are not well-formed UTF-8: decoding replaces each malformed sequence. */
    private void appendDecoded(byte[] bytes, int start, int end) {
        String line = new String(bytes, start, end - start, UTF_8);
        text.setLength(0);
        format.messageEscaping().append(text, line);
        out.append(text.toString().getBytes(UTF_8));
    }
}
