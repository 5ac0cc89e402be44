package io.github.softmaxlab.notebook;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimingTest {

    @Test
    void measuresSomethingPositiveAndRejectsZeroRuns() {
        double ns = Timing.medianNanosPerCall(() -> Math.sin(1.0), 3, 1);
        assertTrue(ns > 0 && ns < 1e6, "ns = " + ns);
        assertThrows(IllegalArgumentException.class, () -> Timing.medianNanos(() -> { }, 0, 0));
    }
}
