package io.github.softmaxlab.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.testing.NormalizerContract;
import io.github.softmaxlab.testing.Rows;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * ReLA's gated RMS-normalised ReLU (Zhang et al., arXiv 2104.07012): the contract with its row-sum hook, and what
 * ReLA guarantees instead of a simplex: exact zeros, null rows, the RMS normalisation, scale removal.
 */
class RelaNormalizerTest {

    /** Rows do not sum to 1: by Cauchy–Schwarz Σy ≤ √n·‖y‖ = n·rms(y) ≤ n·|g|, which is the bound given. */
    abstract static class RelaContract extends NormalizerContract {
        final double gain;

        RelaContract(double gain) {
            this.gain = gain;
        }

        @Override
        protected double maxRowSum(int n) {
            return n * Math.abs(gain);
        }
    }

    @Nested
    class Standard extends RelaContract {
        Standard() {
            super(1);
        }

        @Override
        protected Normalizer normalizer() {
            return RelaNormalizer.standard();
        }
    }

    @Nested
    class LearnedLooking extends RelaContract {
        LearnedLooking() {
            super(0.8);
        }

        @Override
        protected Normalizer normalizer() {
            return RelaNormalizer.of(0.8, -0.6, 1e-6);
        }
    }

    @Test
    void nonPositiveScoresGetExactZerosAndAllNonPositiveRowsAreNull() {
        double[] y = RelaNormalizer.standard().apply(-1.0, 0.0, 2.0, -1e30, 0.5);
        assertEquals(0.0, y[0], 0.0);
        assertEquals(0.0, y[1], 0.0);
        assertEquals(0.0, y[3], 0.0);
        assertTrue(y[2] > 0 && y[4] > 0);
        Shape shape = Shape.of(1, 3);
        double[] z = {-1, -2, -0.5};
        double[] w = new double[3];
        double[] dz = new double[3];
        RelaNormalizer f = RelaNormalizer.standard();
        f.forward(z, w, shape, Mask.NONE);
        f.backward(z, w, new double[] {1, 1, 1}, dz, shape, Mask.NONE);
        assertArrayEquals(new double[3], w, 0.0);
        assertArrayEquals(new double[3], dz, 0.0);
        assertArrayEquals(new float[3], f.apply(-1f, -2f, -1e30f), 0f);
    }

    @Test
    void rmsOfTheRowIsTheGainWhenTheGateSaturates() {
        Random random = new Random(5);
        for (double g : new double[] {1, 0.3, 2.5}) {
            double[] z = Rows.uniform(random, 20, 1, 5);
            double[] y = RelaNormalizer.of(g, 1e6, 1e-12).apply(z);
            assertEquals((float) g, rms(y), 1e-9 * g, "rms of y with a saturated gate (g is a float32 parameter)");
            double[] unsaturated = RelaNormalizer.of(g, 0.1, 1e-12).apply(z);
            assertTrue(rms(unsaturated) < g, "σ < 1 keeps rms below |g|");
        }
    }

    @Test
    void theScaleOfPositiveScoresIsRemovedWhenTheGateSaturates() {
        double[] z = {0.5, -1, 2, 3};
        double[] scaled = {50, -100, 200, 300};
        RelaNormalizer f = RelaNormalizer.of(1, 1e6, 1e-12);
        assertArrayEquals(f.apply(z), f.apply(scaled), 1e-9);
    }

    @Test
    void equalPositiveScoresGetEqualWeightsThatDoNotSumToOne() {
        double[] y = RelaNormalizer.standard().apply(2.0, 2.0, 2.0, 2.0);
        for (double v : y) {
            assertEquals(y[0], v, 0.0);
        }
        double sigma = 1 / (1 + Math.exp(-2));
        assertEquals(4 * sigma, Rows.sum(y, 0, 4), 1e-7, "each weight is g·1·σ(w·2)");
    }

    @Test
    void maskedKeysLeaveTheMeanLikeTheyWereNeverThere() {
        Shape shape = Shape.of(1, 4);
        double[] z = {1, 3, -2, 2};
        double[] w = new double[4];
        RelaNormalizer.standard().forward(z, w, shape, Mask.keyLengths(2));
        double[] alone = RelaNormalizer.standard().apply(1.0, 3.0);
        assertArrayEquals(new double[] {alone[0], alone[1], 0, 0}, w, 1e-15);
    }

    private static double rms(double[] y) {
        double s = 0;
        for (double v : y) {
            s += v * v;
        }
        return Math.sqrt(s / y.length);
    }
}
