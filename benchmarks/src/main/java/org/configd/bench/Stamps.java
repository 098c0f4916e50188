package org.configd.bench;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The moments the components stamp (see bench-component.c), read from a FIFO as they are written: the harness
 * waits on a blocking read instead of polling a file, so it takes no CPU from configd while it waits. The times in
 * the stamps are the components' own readings of CLOCK_MONOTONIC, so when this reader sees them does not matter.
 */
public final class Stamps implements AutoCloseable {

    /**
     * One stamp.
     *
     * @param event start, exit, ready or done
     * @param name  the component's name
     * @param pid   the component's pid
     * @param nanos CLOCK_MONOTONIC, comparable with {@link System#nanoTime()}
     */
    public record Stamp(String event, String name, int pid, long nanos) {

        static Stamp parse(String line) {
            String[] f = line.split(" ");
            if (f.length != 4) {
                throw new IllegalArgumentException("not a stamp: " + line);
            }
            return new Stamp(f[0], f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]));
        }
    }

    private static final String QUIT = "quit";

    private final Path fifo;
    private final RandomAccessFile file;
    private final BlockingQueue<Stamp> queue = new LinkedBlockingQueue<>();
    private final Thread reader;

    private Stamps(Path fifo) throws IOException {
        this.fifo = fifo;
        // Read and write: opening a FIFO for reading alone blocks until a writer comes, and the reader would see
        // end-of-file whenever the last component closes it. Holding a write end keeps it open.
        this.file = new RandomAccessFile(fifo.toFile(), "rw");
        this.reader = new Thread(this::readLines, "stamps");
        reader.setDaemon(true);
        reader.start();
    }

    /** Makes the FIFO {@code fifo} and starts reading it. */
    public static Stamps open(Path fifo) throws IOException {
        Processes.run(List.of("mkfifo", "-m", "0666", fifo.toString()));
        return new Stamps(fifo);
    }

    public Path path() {
        return fifo;
    }

    /** The next stamp that matches, skipping others; fails after {@code timeout}. */
    public Stamp next(Predicate<Stamp> wanted, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (;;) {
            Stamp s = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (s == null) {
                throw new IllegalStateException("no " + what + " within " + timeout.toMillis() + " ms");
            }
            if (wanted.test(s)) {
                return s;
            }
        }
    }

    /** The next {@code count} stamps that match, skipping others; fails after {@code timeout} in all. */
    public List<Stamp> next(int count, Predicate<Stamp> wanted, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Stamp> found = new ArrayList<>(count);
        while (found.size() < count) {
            long left = deadline - System.nanoTime();
            Stamp s = queue.poll(left, TimeUnit.NANOSECONDS);
            if (s == null) {
                throw new IllegalStateException("only " + found.size() + " of " + count + " " + what + " within "
                        + timeout.toMillis() + " ms");
            }
            if (wanted.test(s)) {
                found.add(s);
            }
        }
        return found;
    }

    /** Stamps of {@code event}. */
    public static Predicate<Stamp> event(String event) {
        return s -> s.event().equals(event);
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(file.getFD()),
                StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null && !line.equals(QUIT); line = in.readLine()) {
                queue.add(Stamp.parse(line));
            }
        } catch (IOException e) {
            // closed: nothing is waiting for more
        }
    }

    /** Stops the reader (by writing it a line of its own: closing does not wake a blocked read) and removes the FIFO. */
    @Override
    public void close() throws IOException {
        file.write((QUIT + "\n").getBytes(StandardCharsets.US_ASCII));
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        file.close();
        java.nio.file.Files.deleteIfExists(fifo);
    }
}
