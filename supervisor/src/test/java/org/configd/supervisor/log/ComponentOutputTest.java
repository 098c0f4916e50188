package org.configd.supervisor.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.IoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.logging.log4j.Level;
import org.configd.supervisor.config.LogFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComponentOutputTest {

    private static final long TIMEOUT_SECONDS = 20;
    private static final long JVM_PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;
    private Path file;
    private MultiThreadIoEventLoopGroup group;
    private IoEventLoop loop;
    private UnifiedLog log;
    private final List<FileDescriptor> writeEnds = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        loop = group.next();
        file = dir.resolve("configd.log");
        log = UnifiedLog.start(LogFiles.settings(file, LogFormat.TEXT, "debug"));
    }

    @AfterEach
    void stop() throws IOException {
        for (FileDescriptor end : writeEnds) {
            end.close();
        }
        log.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void linesAreLoggedWithPrefixLevelsSplitReplacedAndTheLastOneAtEof() throws Exception {
        FileDescriptor[] pipe = pipe();
        ComponentOutput output = ComponentOutput.attach(loop, pipe[0].intValue(), "writer", 1234, Level.INFO, 8, log);
        byte[] invalid = {'b', 'a', 'd', ' ', (byte) 0xFF, '\n'};
        write(pipe[1], "plain\r\n<3>an error\n<7>debug\n<8>no prefix\n<4>overlong warning\n".getBytes(UTF_8));
        write(pipe[1], invalid);
        write(pipe[1], "\nlast without newline".getBytes(UTF_8));
        pipe[1].close();
        output.closed().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        log.close();

        List<LogRecord> records = LogFiles.records(file);
        // The limit of 8 bytes counts the prefix; the pieces of a cut line keep the level of its prefix.
        assertEquals(List.of("INFO plain", "ERROR an er", "ERROR ror", "DEBUG debug", "INFO <8>no pr", "INFO efix",
                "WARN overl", "WARN ong warn", "WARN ing", "INFO bad \uFFFD", "INFO ", "INFO last wit",
                "INFO hout new", "INFO line"), records.stream().map(r -> r.level() + " " + r.message()).toList());
        assertTrue(records.stream().allMatch(r -> r.source().equals("writer") && r.pid() == 1234));
    }

    @Test
    void fourWritersLoseNoLine() throws Exception {
        int writers = 4;
        int lines = 100_000;
        List<Process> processes = new ArrayList<>();
        List<ComponentOutput> outputs = new ArrayList<>();
        long started = System.nanoTime();
        for (int w = 1; w <= writers; w++) {
            FileDescriptor[] pipe = pipe();
            // The last writer uses sd-daemon prefixes, the others plain lines; both write in large buffered chunks.
            String program = w == writers
                    ? "awk 'BEGIN { for (i = 1; i <= " + lines + "; i++) printf \"<4>w" + w + " line %d of a log "
                            + "line test\\n\", i }'"
                    : "seq -f 'w" + w + " line %.0f of a log line test' 1 " + lines;
            Process process = writerInto(pipe[1], program);
            processes.add(process);
            outputs.add(ComponentOutput.attach(loop, pipe[0].intValue(), "w" + w, (int) process.pid(), Level.INFO,
                    16 * 1024, log));
        }
        for (Process process : processes) {
            assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "a writer did not finish");
            assertEquals(0, process.exitValue());
        }
        closeWriteEnds();
        for (ComponentOutput output : outputs) {
            output.closed().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        log.close();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("ComponentOutputTest: %d lines from %d writers logged in %.2f s: %.0f lines/s%n",
                writers * lines, writers, seconds, writers * lines / seconds);

        Pattern line = Pattern.compile("w(\\d) line (\\d+) of a log line test");
        List<BitSet> seen = IntStream.rangeClosed(0, writers).mapToObj(i -> new BitSet()).toList();
        int records = 0;
        for (LogRecord record : LogFiles.records(file)) {
            Matcher m = line.matcher(record.message());
            assertTrue(m.matches(), () -> "not a whole line: " + record);
            int w = Integer.parseInt(m.group(1));
            int n = Integer.parseInt(m.group(2));
            assertEquals("w" + w, record.source());
            assertEquals(processes.get(w - 1).pid(), record.pid());
            assertEquals(w == writers ? Level.WARN : Level.INFO, record.level());
            assertFalse(seen.get(w).get(n), () -> "logged twice: " + record);
            seen.get(w).set(n);
            records++;
        }
        assertEquals(writers * lines, records);
        for (int w = 1; w <= writers; w++) {
            assertEquals(lines, seen.get(w).cardinality());
            assertEquals(lines + 1, seen.get(w).nextClearBit(1));
        }
    }

    @Test
    void drainReturnsTheLastLinesWrittenBeforeExitAndReadingGoesOnUntilEof() throws Exception {
        FileDescriptor[] pipe = pipe();
        Process process = writerInto(pipe[1],
                "i=1; while [ $i -le 30 ]; do echo \"line $i\"; i=$((i+1)); done; printf '<3>partial'; exit 3");
        ComponentOutput output = ComponentOutput.attach(loop, pipe[0].intValue(), "crasher", (int) process.pid(),
                Level.INFO, 1024, log);
        assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        assertEquals(3, process.exitValue());

        List<String> last = output.drain().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<String> expected = new ArrayList<>();
        IntStream.rangeClosed(12, 30).forEach(i -> expected.add("line " + i));
        expected.add("partial");
        assertEquals(expected, last);
        assertFalse(output.closed().isDone(), "the pipe is still held (as by a grandchild): no EOF yet");

        // A grandchild still holding the pipe goes on writing after the process was reaped.
        write(pipe[1], "\nlate\n".getBytes(UTF_8));
        closeWriteEnds();
        output.closed().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        log.close();
        List<LogRecord> records = LogFiles.records(file);
        assertEquals(32, records.size());
        assertEquals("line 1", records.get(0).message());
        assertEquals(Level.ERROR, records.get(30).level());
        assertEquals("partial", records.get(30).message());
        assertEquals("late", records.get(31).message());
        assertEquals(List.of("line 30", "partial", "late"),
                output.drain().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).subList(17, 20));
    }

    @Test
    void descriptorThatIsNotOpenEndsTheOutputWithItsError() {
        ComponentOutput output = ComponentOutput.attach(loop, Integer.MAX_VALUE, "ghost", 1, Level.INFO, 1024, log);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> output.closed().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("epoll_ctl"), e.getCause()::toString);
    }

    /** A pipe whose read end is non-blocking, as the spawner hands it over; the write end is closed after the test. */
    private FileDescriptor[] pipe() throws IOException {
        FileDescriptor[] pipe = FileDescriptor.pipe();
        writeEnds.add(pipe[1]);
        return pipe;
    }

    private void closeWriteEnds() throws IOException {
        for (FileDescriptor end : writeEnds) {
            end.close();
        }
    }

    /**
     * Starts {@code /bin/sh} with its stdout on the pipe's write end. ProcessBuilder cannot pass a descriptor, so the
     * child opens this JVM's end through /proc: a blocking write end of its own on the same pipe.
     */
    private static Process writerInto(FileDescriptor writeEnd, String script) throws IOException {
        String redirect = "exec >/proc/" + JVM_PID + "/fd/" + writeEnd.intValue() + "; ";
        return new ProcessBuilder("/bin/sh", "-c", redirect + script)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /** Writes all bytes to a non-blocking write end, waiting (with a deadline) while the pipe is full. */
    private static void write(FileDescriptor fd, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (buffer.hasRemaining()) {
            int written = fd.write(buffer, buffer.position(), buffer.limit());
            buffer.position(buffer.position() + written);
            if (written == 0) {
                assertTrue(System.nanoTime() < deadline, "the pipe stayed full");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }
}
