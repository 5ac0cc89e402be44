package io.github.softmaxlab.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.testing.GradCheck;
import io.github.softmaxlab.testing.NormalizerContract;
import io.github.softmaxlab.testing.Rows;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * r-softmax (Bałazy et al. 2023): contract, the number of zeros is the rounding rule ⌊r(n−1)⌋ + 1 of the visible
 * entries for every n, the spec's numbers, degenerate rows, and the quantile's part of the gradient.
 */
class RSoftmaxTest {

    /**
     * r = 0.37 puts the quantile strictly between two order statistics, so both get a gradient share. Gaussian rows
     * keep scores apart by more than the finite-difference step, away from the kinks where two swap order.
     */
    @Nested
    class Contract extends NormalizerContract {
        @Override
        protected Normalizer normalizer() {
            return new RSoftmax(0.37);
        }
    }

    /** r = 0.5 on the contract's odd rows puts the quantile exactly on an order statistic (φ = 0). */
    @Nested
    class Median extends NormalizerContract {
        @Override
        protected Normalizer normalizer() {
            return new RSoftmax(0.5);
        }
    }

    private static int zeros(double[] p) {
        int count = 0;
        for (double v : p) {
            count += v == 0 ? 1 : 0;
        }
        return count;
    }

    @Test
    void zeroesTheRequestedFractionForEveryRowLength() {
        Random random = new Random(2304);
        for (double r : new double[] {0, 0.05, 0.1, 0.25, 0.3, 0.37, 0.5, 0.75, 0.9, 0.99}) {
            RSoftmax f = new RSoftmax(r);
            for (int n = 1; n <= 300; n++) {
                int z = zeros(f.apply(Rows.gaussian(random, n, 2)));
                int expected = RSoftmax.zeroCount(r, n);
                assertEquals(expected, z, "r = " + r + ", n = " + n);
                assertEquals(n <= 1 ? 0 : (int) Math.floor(r * (n - 1)) + 1, expected);
                if (n > 1) {
                    assertTrue(z - r * n > -1 && z - r * n <= 1, "zeros " + z + " far from r·n = " + r * n);
                    assertTrue(z < n, "r-softmax never zeroes the whole row");
                }
            }
        }
    }

    @Test
    void specNumbersOnTenGaussianScores() {
        double[] x = Rows.gaussian(new Random(1), 10, 1);
        int[] expected = {1, 3, 5, 9};
        double[] rs = {0, 0.3, 0.5, 0.9};
        for (int k = 0; k < rs.length; k++) {
            assertEquals(expected[k], zeros(new RSoftmax(rs[k]).apply(x)), "r = " + rs[k]);
        }
    }

    @Test
    void sparsityIsAFractionOfTheVisibleEntries() {
        Random random = new Random(4);
        RSoftmax f = new RSoftmax(0.5);
        Shape shape = Shape.of(20, 16);
        boolean[] visible = Rows.randomVisible(random, shape, 0.6);
        Mask mask = Mask.elements(visible);
        double[] w = new double[shape.size()];
        f.forward(Rows.gaussian(random, shape.size(), 1), w, shape, mask);
        for (int r = 0; r < shape.rows(); r++) {
            int n = mask.visibleCount(shape, r);
            int zerosAmongVisible = 0;
            for (int c = 0; c < shape.cols(); c++) {
                int i = shape.offset(r) + c;
                zerosAmongVisible += visible[i] && w[i] == 0 ? 1 : 0;
            }
            assertEquals(RSoftmax.zeroCount(0.5, n), zerosAmongVisible, "row " + r + " with " + n + " visible");
        }
    }

    @Test
    void matchesTheWeightedSoftmaxFormula() {
        double[] x = {0.3, -1.2, 2.0, 0.9, -0.4};
        // r = 0.5, n = 5: h = 2, q = the median 0.3; weights ReLU(x − 0.3).
        double[] w = {0, 0, 1.7, 0.6, 0};
        double z = w[2] * Math.exp(2.0) + w[3] * Math.exp(0.9);
        double[] expected = {0, 0, w[2] * Math.exp(2.0) / z, w[3] * Math.exp(0.9) / z, 0};
        assertArrayEquals(expected, new RSoftmax(0.5).apply(x), 1e-15);
    }

    @Test
    void degenerateRowsAreUniformOverTheMaxima() {
        assertArrayEquals(new double[] {1}, new RSoftmax(0.3).apply(4.0), 0);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, new RSoftmax(0.3).apply(2.0, 2, 2, 2), 0);
        assertArrayEquals(new double[] {0.5, 0.5, 0, 0}, new RSoftmax(0.9).apply(2.0, 2, 0, 1), 0);
        double[] dz = new double[4];
        new RSoftmax(0.9).backward(new double[] {2, 2, 0, 1}, new double[] {0.5, 0.5, 0, 0},
                new double[] {1, 2, 3, 4}, dz, Shape.of(1, 4), Mask.NONE);
        assertArrayEquals(new double[4], dz, 0);
    }

    @Test
    void theQuantileTermIsPartOfTheGradient() {
        // With φ = 0.7 the two order statistics around q_r get 0.3 and 0.7 of dL/dq; dropping that term fails here.
        double[] x = Rows.gaussian(new Random(6), 11, 1.5);
        GradCheck.normalizer(new RSoftmax(0.27), x, Shape.of(1, 11), Mask.NONE, 6);
    }

    @Test
    void rOutsideZeroOneIsRejected() {
        for (double bad : new double[] {-0.1, 1, 1.5, Double.NaN}) {
            var e = assertThrows(IllegalArgumentException.class, () -> new RSoftmax(bad));
            assertTrue(e.getMessage().contains("r") && e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
    }
}
