package org.configd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkerWatchTest {

    @TempDir
    Path dir;

    @Test
    void returnsOnceTheFileHoldsTheMarkerOftenEnoughEvenWhenItGrowsLater() throws Exception {
        Path file = dir.resolve("log");
        Files.writeString(file, "a end-of-lines\nnoise end-of");
        CompletableFuture<Long> seen = CompletableFuture.supplyAsync(() -> {
            try (MarkerWatch watch = new MarkerWatch(file, "end-of-lines\n")) {
                return watch.await(2, Duration.ofSeconds(10));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long before = System.nanoTime();
        Files.writeString(file, "-lines\n", StandardOpenOption.APPEND);
        assertTrue(seen.get(10, TimeUnit.SECONDS) >= before, "the second marker was split across two writes");
    }

    @Test
    void failsAtTheDeadlineWhenMarkersAreMissing() throws Exception {
        Path file = Files.writeString(dir.resolve("log"), "a end-of-lines\n");
        try (MarkerWatch watch = new MarkerWatch(file, "end-of-lines\n")) {
            assertThrows(IllegalStateException.class, () -> watch.await(2, Duration.ofMillis(50)));
        }
    }

    @Test
    void countsGoOnFromWhereTheLastWaitEnded() throws Exception {
        Path file = Files.writeString(dir.resolve("log"), "a end-of-lines\n");
        try (MarkerWatch watch = new MarkerWatch(file, "end-of-lines\n")) {
            watch.await(1, Duration.ofSeconds(5));
            Files.writeString(file, "b end-of-lines\n", StandardOpenOption.APPEND);
            watch.await(2, Duration.ofSeconds(5));
            assertThrows(IllegalStateException.class, () -> watch.await(3, Duration.ofMillis(50)));
        }
    }

    @Test
    void aWaitThatTimesOutAddsItsContext() throws Exception {
        Path file = Files.writeString(dir.resolve("log"), "a end-of-lines\n");
        try (MarkerWatch watch = new MarkerWatch(file, "end-of-lines\n", () -> "; the console: s6-log: fatal")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> watch.await(2, Duration.ofMillis(50)));
            assertEquals(file + " holds 1 of 2 'end-of-lines' markers after the time limit; the console: s6-log: fatal",
                    e.getMessage());
        }
    }
}
