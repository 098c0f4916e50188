package org.configd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.configd.bench.Stamps.Stamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StampsTest {

    @TempDir
    Path dir;

    @Test
    void stampsThatDoNotMatchWaitForALaterCallInTheirOrder() throws Exception {
        try (Stamps stamps = Stamps.open(dir.resolve("fifo"))) {
            try (FileOutputStream out = new FileOutputStream(stamps.path().toFile())) {
                out.write("ready w1 10 5\nready w2 11 6\ndone w1 10 7\n".getBytes(StandardCharsets.US_ASCII));
            }
            Duration wait = Duration.ofSeconds(10);
            assertEquals(7, stamps.next(Stamps.event("done"), wait, "done").nanos());
            List<Stamp> ready = stamps.next(2, Stamps.event("ready"), wait, "ready");
            assertEquals(List.of("w1", "w2"), ready.stream().map(Stamp::name).toList());
        }
    }

    @Test
    void aWaitThatTimesOutSaysWhatCameAndAddsItsContext() throws Exception {
        try (Stamps stamps = Stamps.open(dir.resolve("fifo"), () -> "; the console: s6-log: fatal")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> stamps.next(2, Stamps.event("start"), Duration.ofMillis(50), "services"));
            assertEquals("only 0 of 2 services within 50 ms; the console: s6-log: fatal", e.getMessage());
        }
    }
}
