package org.configd.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario 4: configd's resident memory (VmRSS) once it sits idle with N components running, and with one
 * component for comparison: the difference is what each supervised component costs. RssAnon (heap, stacks, JIT
 * code) and RssFile (the JDK's mapped modules and libraries, shared with other JVMs) show where it goes. The CPU
 * configd uses while idle is measured over the same period: a supervisor should cost nothing when nothing happens.
 * Run as root, it also measures the fleet with every component run as {@code nobody}, as configd is meant to run
 * them, which takes the account lookups and the user switch into the figure.
 */
final class Memory implements Scenario {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final double KIB_PER_MIB = 1024;
    private static final String CPU = "cpu";

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public List<Figure> run(Context ctx) throws Exception {
        int n = ctx.options().pick(10, 200);
        long idleNanos = Duration.ofSeconds(ctx.options().pick(1, 5)).toNanos();
        List<Double> rss = new ArrayList<>();
        List<Double> anon = new ArrayList<>();
        List<Double> file = new ArrayList<>();
        List<Double> rssOne = new ArrayList<>();
        List<Double> rssAsNobody = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int run = 0; run < ctx.options().repeat(3); run++) {
            Map<String, Double> fleet = idle(ctx, n, "", idleNanos);
            rss.add(fleet.get("VmRSS") / KIB_PER_MIB);
            anon.add(fleet.get("RssAnon") / KIB_PER_MIB);
            file.add(fleet.get("RssFile") / KIB_PER_MIB);
            cpu.add(fleet.get(CPU));
            rssOne.add(idle(ctx, 1, "", idleNanos).get("VmRSS") / KIB_PER_MIB);
            if (Bed.ROOT) {
                rssAsNobody.add(idle(ctx, n, Bed.AS_NOBODY, idleNanos).get("VmRSS") / KIB_PER_MIB);
            }
        }
        String idle = "idle " + idleNanos / 1_000_000_000 + " s after the last start";
        List<Figure> figures = new ArrayList<>(List.of(
                Figure.of(name(), "configd RSS, " + n + " components", "MiB", rss)
                        .withTarget(Target.atMost(64, "≤ 64 MiB")).withNote("VmRSS, " + idle),
                Figure.of(name(), "  of which anonymous (heap, stacks, code)", "MiB", anon),
                Figure.of(name(), "  of which mapped files (JDK modules, libraries)", "MiB", file),
                Figure.of(name(), "configd RSS, 1 component", "MiB", rssOne).withNote("VmRSS, " + idle)));
        if (Bed.ROOT) {
            // As configd is meant to run them: each component as a user of its own, looked up at every spawn.
            figures.add(Figure.of(name(), "configd RSS, " + n + " components, each run as nobody", "MiB",
                    rssAsNobody).withNote("VmRSS, " + idle + "; " + Bed.AS_NOBODY));
        }
        figures.add(Figure.of(name(), "configd CPU while idle, " + n + " components", "%", cpu)
                .withNote("of one core, over the idle period (10 ms ticks)"));
        return figures;
    }

    /** The memory figures (KiB) after the idle period, and the CPU used during it ({@value #CPU}, in %). */
    private static Map<String, Double> idle(Context ctx, int n, String extra, long idleNanos) throws Exception {
        try (Bed bed = Bed.create(ctx, "memory-" + n)) {
            bed.configure("", bed.pausing("c", n, extra));
            try (DaemonUnderTest d = bed.launch(ctx.installation())) {
                bed.stamps().next(n, Stamps.event("start"), START_TIMEOUT, "components");
                ThreadCpu before = ThreadCpu.of(d.pid());
                LockSupport.parkNanos(idleNanos);
                Map<String, Double> m = new LinkedHashMap<>();
                d.memoryKib().forEach((k, v) -> m.put(k, v.doubleValue()));
                m.put(CPU, ThreadCpu.of(d.pid()).totalMsSince(before) / (idleNanos / 1e6) * 100);
                return m;
            }
        }
    }
}
