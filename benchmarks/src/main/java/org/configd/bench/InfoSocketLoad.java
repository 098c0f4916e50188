package org.configd.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.configd.protocol.MessageCodec;
import org.configd.protocol.Request;

/**
 * Scenario 6: {@code config.get} on the info socket from 16 blocking clients in this JVM, one connection each,
 * each sending its next request as soon as the answer is in. The run is cut into windows after a warm-up: each
 * window gives one throughput and one p99, and the figures are the median and p90 of those over the windows.
 *
 * <p>The clients share the machine's two cores with configd: the client side of every request (Jackson, frames)
 * is paid from the same CPU budget, as it would be for local clients on a real server. Since these clients cost
 * as much CPU per request as configd, the same load then comes from 16 clients in C ({@link #cClients}).
 */
final class InfoSocketLoad implements Scenario {

    private static final int CLIENTS = 16;
    private static final int COMPONENTS = 10;

    /** Completion time and latency of every request one client made, in nanoseconds. */
    private static final class Log {
        long[] doneAt = new long[1 << 16];
        long[] latency = new long[1 << 16];
        int size;

        void add(long done, long nanos) {
            if (size == doneAt.length) {
                doneAt = Arrays.copyOf(doneAt, size * 2);
                latency = Arrays.copyOf(latency, size * 2);
            }
            doneAt[size] = done;
            latency[size++] = nanos;
        }
    }

    @Override
    public String name() {
        return "info-socket";
    }

    @Override
    public List<Figure> run(Context ctx) throws Exception {
        long warmup = Duration.ofMillis(ctx.options().pick(500, 3000)).toNanos();
        long window = Duration.ofMillis(ctx.options().pick(500, 2000)).toNanos();
        int windows = ctx.options().pick(2, 10);
        List<Log> logs;
        List<Figure> cClients;
        long start;
        ThreadCpu[] daemonCpu = new ThreadCpu[2];
        ThreadCpu[] clientCpu = new ThreadCpu[2];
        try (Bed bed = Bed.create(ctx, "info-socket")) {
            bed.configure("", fleet(bed));
            try (DaemonUnderTest d = bed.launch(ctx.installation())) {
                d.awaitServing(Duration.ofSeconds(30));
                start = System.nanoTime();
                int self = (int) ProcessHandle.current().pid();
                ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
                try {
                    List<Future<Log>> clients = start(pool, d.infoSocket(), start + warmup + windows * window);
                    LockSupport.parkNanos(start + warmup - System.nanoTime());
                    daemonCpu[0] = ThreadCpu.of(d.pid());
                    clientCpu[0] = ThreadCpu.of(self);
                    LockSupport.parkNanos(start + warmup + windows * window - System.nanoTime());
                    daemonCpu[1] = ThreadCpu.of(d.pid());
                    clientCpu[1] = ThreadCpu.of(self);
                    logs = new ArrayList<>();
                    for (Future<Log> f : clients) {
                        logs.add(f.get());
                    }
                } finally {
                    pool.shutdownNow();
                }
                cClients = cClients(ctx, d, warmup, window, windows);
            }
        }
        List<Double> throughput = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        long requests = 0;
        for (int w = 0; w < windows; w++) {
            long from = start + warmup + w * window;
            long[] lat = inWindow(logs, from, from + window);
            Arrays.sort(lat);
            if (lat.length == 0) {
                throw new IllegalStateException("no request completed in a window: is configd answering?");
            }
            requests += lat.length;
            throughput.add(lat.length / (window / 1e9));
            p99.add(Figure.percentile(lat, 99) / 1e6);
            p50.add(Figure.percentile(lat, 50) / 1e6);
        }
        String per = "per " + window / 1_000_000 + " ms window after " + warmup / 1_000_000 + " ms warm-up";
        double perRequest = 1000.0 / requests; // CPU ms over all windows -> µs per request
        List<Figure> figures = new ArrayList<>(List.of(
                Figure.of(name(), "config.get, " + CLIENTS + " clients: requests per second", "req/s", throughput)
                        .withTarget(Target.atLeast(100_000, "≥ 100000/s")).withNote(per),
                Figure.of(name(), "config.get, " + CLIENTS + " clients: p99 latency", "ms", p99)
                        .withTarget(Target.atMost(1, "≤ 1 ms")).withNote(per),
                Figure.of(name(), "config.get, " + CLIENTS + " clients: median latency", "ms", p50),
                Figure.of(name(), "configd CPU per request", "µs",
                        List.of(daemonCpu[1].totalMsSince(daemonCpu[0]) * perRequest)),
                Figure.of(name(), "the clients' CPU per request (this harness)", "µs",
                        List.of(clientCpu[1].totalMsSince(clientCpu[0]) * perRequest))));
        daemonCpu[1].busiestSince(daemonCpu[0], 3).forEach((thread, ms) -> figures.add(Figure.of(name(),
                "  configd thread " + thread + ", CPU per request", "µs", List.of(ms * perRequest))));
        figures.addAll(cClients);
        return figures;
    }

    /**
     * The same load from {@code bench-client} (benchmarks/src/main/c/bench-client.c), 16 blocking clients in C, on
     * the same daemon after the Java clients: the client model of benchmarks/profile/unix-pingpong.c, the kernel's
     * floor, without a JVM beside configd spending CPU on JSON. None when the runner did not build it.
     */
    private List<Figure> cClients(Context ctx, DaemonUnderTest d, long warmup, long window, int windows)
            throws Exception {
        Path program = ctx.options().component().resolveSibling("bench-client");
        if (!Files.isExecutable(program)) {
            return List.of();
        }
        List<String> command = new ArrayList<>(List.of(program.toString(), d.infoSocket().toString(),
                Long.toString(warmup / 1_000_000), Long.toString(window / 1_000_000), Integer.toString(windows),
                text(Request.hello(1, "configd-bench-c/1"))));
        for (int i = 0; i < CLIENTS; i++) {
            command.add(text(Request.of(2, "config.get",
                    JsonNodeFactory.instance.objectNode().put("component", "c" + (i % COMPONENTS + 1)))));
        }
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Double> throughput = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        ThreadCpu before = null;
        double clientCpuMs = 0;
        long requests = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "measuring" -> before = ThreadCpu.of(d.pid());
                    case "window" -> {
                        long n = Long.parseLong(f[2]);
                        requests += n;
                        throughput.add(n / (window / 1e9));
                        p99.add(Long.parseLong(f[4]) / 1e6);
                    }
                    case "cpu" -> clientCpuMs = Long.parseLong(f[1]) / 1e6;
                    default -> throw new IllegalStateException("bench-client printed: " + line);
                }
            }
        }
        ThreadCpu after = ThreadCpu.of(d.pid());
        if (p.waitFor() != 0 || before == null || requests == 0) {
            throw new IllegalStateException("bench-client failed (exit " + p.exitValue() + "); its reason is above");
        }
        String what = "config.get, " + CLIENTS + " C clients";
        String per = "per " + window / 1_000_000 + " ms window after " + warmup / 1_000_000 + " ms warm-up";
        return List.of(
                Figure.of(name(), what + ": requests per second", "req/s", throughput)
                        .withNote("bench-client, the client model of unix-pingpong; " + per),
                Figure.of(name(), what + ": p99 latency", "ms", p99).withNote(per),
                Figure.of(name(), what + ": configd CPU per request", "µs",
                        List.of(after.totalMsSince(before) * 1000.0 / requests)),
                Figure.of(name(), what + ": the clients' CPU per request", "µs",
                        List.of(clientCpuMs * 1000.0 / requests)));
    }

    private static String text(Request request) {
        return new String(MessageCodec.encode(request), UTF_8);
    }

    /** Ten components with a few settings each, one of them secret: config.get redacts it for info clients. */
    private static String fleet(Bed bed) {
        StringBuilder fleet = new StringBuilder();
        for (int i = 1; i <= COMPONENTS; i++) {
            fleet.append(bed.component("c" + i, "pause", """
                    secret-settings = ["db.password"]
                    settings { listen = "127.0.0.1:80%02d", workers = 4, tags = ["a", "b"],
                               db { url = "postgres://db/c%d", user = "app", password = "s3cret" } }"""
                    .formatted(i, i)));
        }
        return fleet.toString();
    }

    /** Starts the clients; each runs until {@code end}. */
    private static List<Future<Log>> start(ExecutorService pool, Path socket, long end) {
        CountDownLatch connected = new CountDownLatch(CLIENTS);
        List<Future<Log>> futures = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String component = "c" + (i % COMPONENTS + 1);
            futures.add(pool.submit(() -> client(socket, component, connected, end)));
        }
        return futures;
    }

    private static Log client(Path socket, String component, CountDownLatch connected, long end) throws Exception {
        Log log = new Log();
        try (InfoClient c = InfoClient.connect(socket)) {
            connected.countDown();
            connected.await();
            for (long t = System.nanoTime(); t < end; ) {
                c.configGet(component);
                long done = System.nanoTime();
                log.add(done, done - t);
                t = done;
            }
        }
        return log;
    }

    private static long[] inWindow(List<Log> logs, long from, long to) {
        long[] out = new long[logs.stream().mapToInt(l -> l.size).sum()];
        int n = 0;
        for (Log l : logs) {
            for (int i = 0; i < l.size; i++) {
                if (l.doneAt[i] >= from && l.doneAt[i] < to) {
                    out[n++] = l.latency[i];
                }
            }
        }
        return Arrays.copyOf(out, n);
    }
}
