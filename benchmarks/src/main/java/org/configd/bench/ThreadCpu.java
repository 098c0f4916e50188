package org.configd.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time a process used, in total and by thread name, from /proc (clock ticks of 10 ms): where configd spends
 * its effort during a scenario, without a profiler in the way. Threads of the same name are added up; a thread
 * that ended during the interval is missed, which is why the total is read from the process itself.
 */
final class ThreadCpu {

    private static final double MS_PER_TICK = 10;

    private final long total;
    private final Map<String, Long> byThread;

    private ThreadCpu(long total, Map<String, Long> byThread) {
        this.total = total;
        this.byThread = byThread;
    }

    /** Reads the CPU time of {@code pid} and of each of its threads now. */
    static ThreadCpu of(int pid) throws IOException {
        Path proc = Path.of("/proc", Integer.toString(pid));
        Map<String, Long> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    if (stat.lastIndexOf(')') > 0) { // empty when the thread is being reaped as we read
                        threads.merge(name(stat), ticks(stat), Long::sum);
                    }
                } catch (IOException e) {
                    // the thread ended while we looked
                }
            }
        }
        return new ThreadCpu(ticks(Files.readString(proc.resolve("stat"))), threads);
    }

    /** CPU milliseconds used between {@code earlier} and this reading. */
    double totalMsSince(ThreadCpu earlier) {
        return (total - earlier.total) * MS_PER_TICK;
    }

    /** The {@code top} busiest thread names since {@code earlier}, with their CPU milliseconds, busiest first. */
    Map<String, Double> busiestSince(ThreadCpu earlier, int top) {
        List<Map.Entry<String, Long>> used = new ArrayList<>();
        byThread.forEach((name, ticks) -> used.add(Map.entry(name, ticks - earlier.byThread.getOrDefault(name, 0L))));
        used.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : used.subList(0, Math.min(top, used.size()))) {
            out.put(e.getKey(), e.getValue() * MS_PER_TICK);
        }
        return out;
    }

    /** The thread's name: between the parentheses of /proc/.../stat (it may itself hold spaces or parentheses). */
    private static String name(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /** utime + stime, fields 14 and 15, counted after the name. */
    private static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
