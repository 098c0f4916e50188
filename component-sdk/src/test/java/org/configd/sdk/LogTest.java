package org.configd.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LogTest {

    /** Keeps each write apart, to see how many writes a message took. */
    private static final class Writes extends OutputStream {
        final List<String> writes = new ArrayList<>();

        @Override
        public synchronized void write(int b) {
            writes.add(String.valueOf((char) b));
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes.add(new String(b, off, len, StandardCharsets.UTF_8));
        }
    }

    @Test
    void eachLevelWritesItsPriorityPrefix() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Log log = Log.to(out);

        log.error("e");
        log.warning("w");
        log.notice("n");
        log.info("i %d", 6);
        log.debug("d");

        assertEquals("<3>e\n<4>w\n<5>n\n<6>i 6\n<7>d\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMessageIsOneWriteAndEveryLineKeepsItsLevel() {
        Writes out = new Writes();
        Log log = Log.to(out);

        log.warning("first\nsecond\r\nthird\n");
        log.error("failed", new IllegalStateException("boom"));

        assertEquals(2, out.writes.size());
        assertEquals("<4>first\n<4>second\n<4>third\n", out.writes.get(0));
        String trace = out.writes.get(1);
        assertTrue(trace.startsWith("<3>failed\n<3>java.lang.IllegalStateException: boom\n<3>\tat "), trace);
        trace.lines().forEach(line -> assertTrue(line.startsWith("<3>"), line));
    }

    @Test
    void linesOfManyThreadsNeverInterleave() throws Exception {
        Writes out = new Writes();
        Log log = Log.to(out);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String text = ("thread " + t + " ").repeat(50);
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 200; i++) {
                    log.info(text);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertEquals(800, out.writes.size());
        out.writes.forEach(w -> assertTrue(w.matches("<6>(thread \\d )+\n"), w));
    }
}
