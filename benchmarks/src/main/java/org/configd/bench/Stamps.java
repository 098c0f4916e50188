package org.configd.bench;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The moments the components stamp (see bench-component.c), read from a FIFO as they are written: the harness
 * waits on a blocking read instead of polling a file, so it takes no CPU from configd while it waits. The times in
 * the stamps are the components' own readings of CLOCK_MONOTONIC, so when this reader sees them does not matter.
 * One harness thread asks for stamps at a time.
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
    /** Stamps read but not yet asked for, oldest first. */
    private final Deque<Stamp> held = new ArrayDeque<>();
    private final Thread reader;
    /** Added to a timeout's message: what may say why the stamps did not come. */
    private final Supplier<String> context;

    private Stamps(Path fifo, Supplier<String> context) throws IOException {
        this.fifo = fifo;
        this.context = context;
        // Read and write: opening a FIFO for reading alone blocks until a writer comes, and the reader would see
        // end-of-file whenever the last component closes it. Holding a write end keeps it open.
        this.file = new RandomAccessFile(fifo.toFile(), "rw");
        this.reader = new Thread(this::readLines, "stamps");
        reader.setDaemon(true);
        reader.start();
    }

    /** Makes the FIFO {@code fifo} and starts reading it. */
    public static Stamps open(Path fifo) throws IOException {
        return open(fifo, () -> "");
    }

    /**
     * Makes the FIFO {@code fifo} and starts reading it; a wait that times out adds {@code context} to its message
     * (the supervisor's console, which says why a service never started).
     */
    public static Stamps open(Path fifo, Supplier<String> context) throws IOException {
        Processes.run(List.of("mkfifo", "-m", "0666", fifo.toString()));
        return new Stamps(fifo, context);
    }

    public Path path() {
        return fifo;
    }

    /**
     * The next stamp that matches; fails after {@code timeout}. Stamps that do not match stay for a later call,
     * in their order (a writer may stamp its next "ready" before the harness has read the last "done").
     */
    public Stamp next(Predicate<Stamp> wanted, Duration timeout, String what) throws InterruptedException {
        return next(1, wanted, timeout, what).get(0);
    }

    /** The next {@code count} stamps that match, as {@link #next(Predicate, Duration, String)}. */
    public List<Stamp> next(int count, Predicate<Stamp> wanted, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Stamp> found = new ArrayList<>(count);
        for (Iterator<Stamp> it = held.iterator(); it.hasNext() && found.size() < count; ) {
            Stamp s = it.next();
            if (wanted.test(s)) {
                found.add(s);
                it.remove();
            }
        }
        while (found.size() < count) {
            Stamp s = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (s == null) {
                throw new IllegalStateException("only " + found.size() + " of " + count + " " + what + " within "
                        + timeout.toMillis() + " ms" + context.get());
            }
            if (wanted.test(s)) {
                found.add(s);
            } else {
                held.add(s);
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
