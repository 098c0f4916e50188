package org.configd.supervisor.log;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.configd.supervisor.config.LogFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The two per-byte passes of the log path over one 16 KiB read of the log scenario's lines ({@code "w1 123456
 * abc…z"}, 37 bytes): the log loop's split into the read's batch of lines (as {@code ComponentOutput} does), and the
 * writer thread's rendering of that batch as records (time, level, source, pid, then the escaped line). Divide by
 * {@link #LINES} for the cost of one line. In this package because the log path's classes are package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LogPathBenchmarks {

    static final int LINES = 16 * 1024 / 37;

    @Param({"TEXT", "JSON"})
    public LogFormat format;

    private byte[] read;
    private final LineSplitter splitter = new LineSplitter(8192);
    private final ComponentLines.Builder builder = new ComponentLines.Builder();
    private final LineSplitter.Sink sink = (bytes, offset, length, continuation) ->
            builder.add(Level.INFO, bytes, offset, length);
    private final LineRenderer renderer = new LineRenderer();
    private LogRecordFormat recordFormat;
    private ComponentLines lines;

    @Setup
    public void setup() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int n = 1; n <= LINES; n++) {
            out.writeBytes(String.format("w1 %06d abcdefghijklmnopqrstuvwxyz\n", 100_000 + n).getBytes(UTF_8));
        }
        read = out.toByteArray();
        recordFormat = LogRecordFormat.of(format);
        splitter.feed(read, 0, read.length, sink);
        lines = builder.build("w1", 4711);
    }

    @Benchmark
    public ComponentLines split() {
        splitter.feed(read, 0, read.length, sink);
        return builder.build("w1", 4711);
    }

    @Benchmark
    public ByteBuilder render() {
        return renderer.render(recordFormat, 1_763_700_000_000L, lines);
    }
}
