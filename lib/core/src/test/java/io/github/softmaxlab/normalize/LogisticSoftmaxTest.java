package io.github.softmaxlab.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.testing.NormalizerContract;
import io.github.softmaxlab.testing.Rows;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Logistic-softmax (Ke et al., arXiv 2310.10379): the contract (gradients include the temperature) and the spec's
 * properties: shift limit to softmax, uniform limit in τ, the capped confidence at τ = 1, no shift invariance.
 */
class LogisticSoftmaxTest {

    @Nested
    class Classic extends NormalizerContract {
        @Override
        protected Normalizer normalizer() {
            return LogisticSoftmax.standard();
        }
    }

    @Nested
    class Cold extends NormalizerContract {
        @Override
        protected Normalizer normalizer() {
            return LogisticSoftmax.withTemperature(0.3);
        }
    }

    @Test
    void shiftingFarDownRecoversSoftmax() {
        // Spec part 1 §4(e): max |LSM(f − a) − softmax(f)| = 0.27, 8.8e−3, 6.1e−5, 2.8e−9 for a = 0, 5, 10, 20.
        Random random = new Random(11);
        double[] previous = {Double.POSITIVE_INFINITY};
        for (double a : new double[] {0, 5, 10, 20}) {
            double worst = 0;
            for (int t = 0; t < 200; t++) {
                double[] f = Rows.gaussian(random, 5, 1);
                double[] shifted = f.clone();
                for (int i = 0; i < 5; i++) {
                    shifted[i] -= a;
                }
                worst = Math.max(worst, Rows.maxAbsError(LogisticSoftmax.standard().apply(shifted),
                        Softmax.standard().apply(f)));
            }
            assertTrue(worst < previous[0], "gap must shrink with a: " + worst + " at a = " + a);
            previous[0] = worst;
        }
        assertTrue(previous[0] < 1e-6, "spec: within 1e-6 at a = 20, got " + previous[0]);
    }

    @Test
    void coldTemperatureOnNegativeScoresIsSoftmaxOfScoresOverT() {
        double[] f = {-5.3, -4.1, -6.0, -4.8};
        double tau = 0.5;
        double gap = Rows.maxAbsError(LogisticSoftmax.withTemperature(tau).apply(f),
                Softmax.withTemperature(tau).apply(f));
        assertTrue(gap < 1e-4, "gap " + gap);
    }

    @Test
    void hotTemperatureGivesTheUniformRow() {
        double[] p = LogisticSoftmax.withTemperature(1e6).apply(3.0, -2.0, 0.5, 8.0);
        for (double v : p) {
            assertEquals(0.25, v, 1e-5);
        }
    }

    @Test
    void confidenceAtScoresNearZeroIsCappedAndFallsWithTemperature() {
        // p_i/p_j ≤ 1/σ(f_j/τ): at τ = 1 even a huge score cannot beat σ(0) = 1/2 of the other scores by more than 2x.
        double[] p = LogisticSoftmax.standard().apply(1e6, 0.0, 0.0, 0.0, 0.0);
        assertEquals(1 / (1 + 4 * 0.5), p[0], 1e-12);
        double[] atOne = LogisticSoftmax.standard().apply(2.0, 0.0, 0.0, 0.0, 0.0);
        double[] softmax = Softmax.standard().apply(2.0, 0.0, 0.0, 0.0, 0.0);
        assertTrue(atOne[0] < softmax[0], "logistic-softmax is less confident than softmax near 0");
        double last = 1;
        for (double tau : new double[] {0.1, 0.5, 1, 2, 5}) {
            double top = LogisticSoftmax.withTemperature(tau).apply(2.0, 0.0, 0.0, 0.0, 0.0)[0];
            assertTrue(top < last, "top probability should fall as τ grows: " + top + " at τ = " + tau);
            last = top;
        }
    }

    @Test
    void isNotShiftInvariantUnlikeSoftmax() {
        double[] p = LogisticSoftmax.standard().apply(1.0, 0.0);
        double[] q = LogisticSoftmax.standard().apply(4.0, 3.0);
        assertTrue(Math.abs(p[0] - q[0]) > 0.05, p[0] + " vs " + q[0]);
    }

    @Test
    void equalScoresAndSingleEntriesGiveUniformRows() {
        assertEquals(1.0, LogisticSoftmax.standard().apply(new double[] {-7.0})[0], 0.0);
        double[] p = LogisticSoftmax.withTemperature(0.2).apply(3.0, 3.0, 3.0);
        for (double v : p) {
            assertEquals(1.0 / 3, v, 1e-15);
        }
    }

    @Test
    void temperatureGradientIsAccumulatedInBothPrecisions() {
        LogisticSoftmax f = LogisticSoftmax.withTemperature(0.7);
        Shape shape = Shape.of(2, 3);
        double[] z = {1, -2, 0.5, 3, 0, -1};
        double[] w = new double[6];
        f.forward(z, w, shape, Mask.NONE);
        f.backward(z, w, new double[] {1, 0, 0, 0, 1, 0}, new double[6], shape, Mask.NONE);
        float[] wf = new float[6];
        f.forward(Rows.toFloat(z), wf, shape, Mask.NONE);
        f.backward(Rows.toFloat(z), wf, new float[] {1, 0, 0, 0, 1, 0}, new float[6], shape, Mask.NONE);
        assertTrue(f.temperature().grad64[0] != 0);
        assertEquals(f.temperature().grad64[0], f.temperature().grad[0], 1e-5);
    }

    @Test
    void rejectsABadTemperature() {
        assertThrows(IllegalArgumentException.class, () -> LogisticSoftmax.withTemperature(0));
        LogisticSoftmax f = LogisticSoftmax.standard();
        f.temperature().value64[0] = -1;
        var e = assertThrows(IllegalArgumentException.class, () -> f.apply(1.0, 2.0));
        assertTrue(e.getMessage().contains("temperature") && e.getMessage().contains("-1"), e.getMessage());
    }
}
