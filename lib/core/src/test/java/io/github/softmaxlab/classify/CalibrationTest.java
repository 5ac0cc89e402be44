package io.github.softmaxlab.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** ECE and reliability bins on hand-computed examples. */
class CalibrationTest {

    @Test
    void perfectlyCalibratedPredictionsHaveZeroEce() {
        // Four predictions at confidence 0.75, three of them right.
        double[] p = {0.75, 0.25, 0.75, 0.25, 0.25, 0.75, 0.25, 0.75};
        Calibration c = Calibration.of(p, new int[] {0, 0, 1, 0}, 2, 10);
        assertEquals(0.0, c.ece(), 1e-15);
        assertEquals(0.75, c.meanAccuracy(), 0.0);
        assertEquals(4, c.count()[7]);
    }

    @Test
    void overconfidenceShowsAsTheGapWeightedByBinSize() {
        // Two predictions at 0.9 (one right), two at 0.6 (both right): ECE = ½·0.4 + ½·0.4 = 0.4.
        double[] p = {0.9, 0.1, 0.9, 0.1, 0.6, 0.4, 0.4, 0.6};
        Calibration c = Calibration.of(p, new int[] {0, 1, 0, 1}, 2, 15);
        assertEquals(0.4, c.ece(), 1e-12);
        assertEquals(0.75, c.meanConfidence(), 1e-12);
        assertEquals(Double.NaN, c.accuracy()[0]);
    }

    @Test
    void rejectsMismatchedLengths() {
        assertThrows(IllegalArgumentException.class, () -> Calibration.of(new double[5], new int[2], 2, 10));
    }
}
