package org.configd.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine the figures were taken on: they mean little without it. The load average is read before and after
 * the run, because on a shared machine other work competes for the same cores.
 *
 * @param cpu    the CPU model
 * @param cores  the cores this JVM may use
 * @param memory total memory, MiB
 * @param kernel the kernel release
 * @param java   the JVM running configd, configctl and the harness
 */
public record Machine(String cpu, int cores, long memory, String kernel, String java) {

    /** Describes this machine. */
    public static Machine current() {
        return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), memoryMib(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
    }

    /** The three load averages of /proc/loadavg (1, 5, 15 minutes). */
    public static List<Double> loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return List.of(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** One line, for the top of the table. */
    public String describe() {
        return cpu + ", " + cores + " cores, " + memory + " MiB, " + kernel + ", Java " + java;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static long memoryMib() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }
}
