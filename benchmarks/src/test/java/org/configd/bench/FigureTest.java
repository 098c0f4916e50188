package org.configd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FigureTest {

    @Test
    void medianAndP90AreValuesThatWereMeasuredNearestRank() {
        Figure f = Figure.of("s", "f", "ms", List.of(5.0, 1.0, 4.0, 2.0, 3.0, 10.0, 9.0, 8.0, 7.0, 6.0));
        assertEquals(5.0, f.median());
        assertEquals(9.0, f.p90());
        assertEquals(10.0, f.percentile(100));
        assertEquals(1.0, f.percentile(1));
    }

    @Test
    void aSingleRunIsItsOwnMedianAndP90() {
        Figure f = Figure.of("s", "f", "ms", List.of(42.0));
        assertEquals(42.0, f.median());
        assertEquals(42.0, f.p90());
    }

    @Test
    void theTargetIsJudgedOnTheMedian() {
        Figure slowTail = Figure.of("s", "f", "ms", List.of(1.0, 1.5, 9.0)).withTarget(Target.atMost(2, "≤ 2 ms"));
        assertTrue(slowTail.met());
        Figure throughput = Figure.of("s", "f", "req/s", List.of(90.0, 95.0, 200.0))
                .withTarget(Target.atLeast(100, "≥ 100/s"));
        assertFalse(throughput.met());
        assertNull(Figure.of("s", "f", "ms", List.of(1.0)).met());
    }

    @Test
    void aFigureWithoutSamplesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Figure.of("s", "f", "ms", List.of()));
    }
}
