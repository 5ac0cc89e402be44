package io.github.softmaxlab.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.testing.GradCheck;
import io.github.softmaxlab.testing.Rows;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sparse-softmax loss (Sun et al. 2021): the spec's formula, k ≥ n is cross-entropy, gradient p − onehot on
 * Ω_k (finite differences on Gaussian rows, away from swaps at the k-th place), masks, bad input.
 */
class SparseSoftmaxLossTest {

    @Test
    void isLogSumExpOverTheTopKMinusTheTargetLogit() {
        double[] z = {1, 3, 2, 0, -1};
        double lse = Math.log(Math.exp(3) + Math.exp(2));
        Shape one = Shape.of(1, 5);
        assertEquals(lse - 3, SparseSoftmaxLoss.of(2).forward(z, new int[] {1}, one, Mask.NONE), 1e-15);
        assertEquals(lse - 0, SparseSoftmaxLoss.of(2).forward(z, new int[] {3}, one, Mask.NONE), 1e-15);
        double withTarget = Math.log(Math.exp(3) + Math.exp(2) + Math.exp(0)) - 0;
        assertEquals(withTarget, SparseSoftmaxLoss.withTarget(2).forward(z, new int[] {3}, one, Mask.NONE), 1e-15);
        assertTrue(SparseSoftmaxLoss.of(2).forward(z, new int[] {4}, one, Mask.NONE) >= 0);
    }

    @Test
    void kAtLeastTheClassCountIsCrossEntropy() {
        double[] z = Rows.gaussian(new Random(1), 12, 2);
        double lse = 0;
        for (double v : z) {
            lse += Math.exp(v);
        }
        double ce = Math.log(lse) - z[7];
        assertEquals(ce, SparseSoftmaxLoss.of(12).forward(z, new int[] {7}, Shape.of(1, 12), Mask.NONE), 1e-13);
        assertEquals(ce, SparseSoftmaxLoss.of(50).forward(z, new int[] {7}, Shape.of(1, 12), Mask.NONE), 1e-13);
    }

    @Test
    void gradientMatchesFiniteDifferencesAndTouchesKPlusOneEntries() {
        Random random = new Random(2);
        Shape shape = Shape.of(6, 15);
        int[] targets = {0, 3, 14, 7, 7, 2};
        for (SparseSoftmaxLoss loss : new SparseSoftmaxLoss[] {SparseSoftmaxLoss.of(4), SparseSoftmaxLoss.withTarget(4)}) {
            double[] z = Rows.gaussian(random, shape.size(), 2);
            GradCheck.vjp(loss.name(), z, 1, x -> new double[] {loss.forward(x, targets, shape, Mask.NONE)},
                    (x, g) -> {
                        double[] grad = new double[x.length];
                        loss.backward(x, targets, grad, shape, Mask.NONE);
                        for (int i = 0; i < grad.length; i++) {
                            grad[i] *= g[0];
                        }
                        return grad;
                    }, 3);
            double[] grad = new double[z.length];
            loss.backward(z, targets, grad, shape, Mask.NONE);
            for (int r = 0; r < 6; r++) {
                int nonZero = 0;
                for (int c = 0; c < 15; c++) {
                    nonZero += grad[r * 15 + c] != 0 ? 1 : 0;
                }
                assertTrue(nonZero <= 5, loss.name() + " row " + r + " has " + nonZero + " non-zero gradients");
            }
        }
    }

    @Test
    void masksHideClassesAndFloatAgreesWithDouble() {
        Random random = new Random(4);
        Shape shape = Shape.of(3, 6);
        boolean[] visible = {true, true, false, true, true, true, true, true, true, true, true, true,
            false, true, true, false, false, true};
        double[] z = Rows.roundToFloat(Rows.gaussian(random, 18, 2));
        z[2] = 100; // masked: never selected
        int[] targets = {0, 5, 1};
        Mask mask = Mask.elements(visible);
        SparseSoftmaxLoss loss = SparseSoftmaxLoss.of(2);
        double[] grad = new double[18];
        loss.backward(z, targets, grad, shape, mask);
        assertEquals(0, grad[2], 0);
        float[] gradF = new float[18];
        loss.backward(Rows.toFloat(z), targets, gradF, shape, mask);
        assertArrayEquals(Rows.toFloat(grad), gradF, 1e-6f);
        assertEquals(loss.forward(z, targets, shape, mask), loss.forward(Rows.toFloat(z), targets, shape, mask), 1e-12);
    }

    @Test
    void badInputIsRejected() {
        Shape shape = Shape.of(1, 3);
        var loss = SparseSoftmaxLoss.of(2);
        var e = assertThrows(IllegalArgumentException.class,
                () -> loss.forward(new double[] {1, 2, 3}, new int[] {3}, shape, Mask.NONE));
        assertTrue(e.getMessage().contains("targets[0]") && e.getMessage().contains("3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> loss.forward(new double[] {1, Double.NaN, 3}, new int[] {0}, shape, Mask.NONE));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparseSoftmaxLoss.of(0));
        assertTrue(e.getMessage().contains("k"), e.getMessage());
    }
}
