package org.configd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchTest {

    private static final LocalDateTime STARTED = LocalDateTime.of(2026, 11, 21, 23, 34, 5);

    @TempDir
    Path results;

    private List<Path> files() throws Exception {
        Options o = Options.parse(new String[] {"--component", "c", "--work", "w", "--results", results.toString(),
                "--label", "base", "configctl"}, List.of("configctl"));
        return Bench.resultFiles(o, true, STARTED);
    }

    @Test
    void aRunWritesADatedFileAndTheLatestOneUnderItsLabel() throws Exception {
        assertEquals(List.of(results.resolve("2026-11-21T2334-installed-base.json"),
                results.resolve("latest-installed-base.json")), files());
    }

    /** A pair of short A/B runs taken twice can start two runs of one label in one minute: both must be kept. */
    @Test
    void aDatedFileOfTheSameMinuteIsNotReplaced() throws Exception {
        Files.writeString(results.resolve("2026-11-21T2334-installed-base.json"), "{}");
        Files.writeString(results.resolve("2026-11-21T2334-installed-base-2.json"), "{}");

        assertEquals(List.of(results.resolve("2026-11-21T2334-installed-base-3.json"),
                results.resolve("latest-installed-base.json")), files());
    }

    /** The comparison with runit and s6 needs their packages and minutes: only when asked for. */
    @Test
    void peersRunOnlyWhenNamedAndEveryOtherScenarioByDefault() throws Exception {
        List<String> names = Bench.SCENARIOS.stream().map(Scenario::name).toList();
        Options all = Options.parse(new String[] {"--component", "c", "--work", "w"}, names);
        Options named = Options.parse(new String[] {"--component", "c", "--work", "w", "peers"}, names);
        for (Scenario s : Bench.SCENARIOS) {
            assertEquals(!s.name().equals("peers"), Bench.runs(all, s), s.name() + " with no scenario named");
            assertEquals(s.name().equals("peers"), Bench.runs(named, s), s.name() + " when peers is named");
        }
    }
}
