package io.github.softmaxlab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.testing.LossContract;
import io.github.softmaxlab.testing.Rows;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ZLossTest {

    @Nested
    class Defaults extends LossContract {
        @Override
        protected Loss loss() {
            return ZLoss.defaults();
        }
    }

    @Nested
    class SharpWideMargin extends LossContract {
        @Override
        protected Loss loss() {
            return ZLoss.of(5, 3);
        }
    }

    /** L(αo + β) = L(o) for α &gt; 0: random shifts up to ±1e4 and scales from 1e-3 to 1e3, both precisions. */
    @Test
    void invariantToShiftAndScale() {
        Random random = new Random(3);
        ZLoss f = ZLoss.of(2, 1.5);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + random.nextInt(30);
            Shape shape = Shape.of(1, n);
            double[] o = Rows.gaussian(random, n, 1 + 5 * random.nextDouble());
            int[] t = {random.nextInt(n)};
            double alpha = Math.pow(10, -3 + 6 * random.nextDouble());
            double beta = (random.nextDouble() - 0.5) * 2e4;
            double[] moved = new double[n];
            for (int k = 0; k < n; k++) {
                moved[k] = alpha * o[k] + beta;
            }
            double base = f.forward(o, t, shape, Mask.NONE);
            assertEquals(base, f.forward(moved, t, shape, Mask.NONE), 1e-9 * Math.max(1, base),
                    "alpha " + alpha + ", beta " + beta);
            // float32 rounds the moved logits, so only approximately; the shift is kept small against the scale.
            if (Math.abs(beta) < 100 * alpha) {
                assertEquals(base, f.forward(Rows.toFloat(moved), t, shape, Mask.NONE), 1e-3 * Math.max(1, base));
            }
        }
    }

    /** Σ_k ∂L/∂o_k = 0 (shift) and Σ_k o_k ∂L/∂o_k = 0 (scale). */
    @Test
    void gradientSumsToZeroAndIsOrthogonalToTheLogits() {
        Random random = new Random(4);
        ZLoss f = ZLoss.defaults();
        for (int trial = 0; trial < 100; trial++) {
            int n = 2 + random.nextInt(20);
            double[] o = Rows.gaussian(random, n, 3);
            double[] g = new double[n];
            f.backward(o, new int[] {random.nextInt(n)}, g, Shape.of(1, n), Mask.NONE);
            double sum = 0;
            double dot = 0;
            double norm = 0;
            for (int k = 0; k < n; k++) {
                sum += g[k];
                dot += o[k] * g[k];
                norm += Math.abs(g[k]) * (1 + Math.abs(o[k]));
            }
            assertEquals(0, sum, 1e-15 + 1e-12 * norm);
            assertEquals(0, dot, 1e-15 + 1e-12 * norm);
        }
    }

    /** L ≥ 0, and raising the target's logit never raises the loss (∂z_c/∂o_c ≥ 0 since z_c² ≤ n − 1). */
    @Test
    void nonNegativeAndNonIncreasingInTheTargetLogit() {
        Random random = new Random(5);
        ZLoss f = ZLoss.of(1, 2);
        for (int trial = 0; trial < 100; trial++) {
            int n = 2 + random.nextInt(15);
            double[] o = Rows.gaussian(random, n, 2);
            int[] t = {random.nextInt(n)};
            double previous = Double.POSITIVE_INFINITY;
            for (int step = 0; step < 20; step++) {
                double value = f.forward(o, t, Shape.of(1, n), Mask.NONE);
                assertTrue(value >= 0 && value <= previous + 1e-12, "step " + step + ": " + value + " > " + previous);
                previous = value;
                o[t[0]] += 0.5;
            }
        }
    }

    /** As a grows the loss tends to the hinge max(0, b − z_c). */
    @Test
    void largeSharpnessTendsToTheHinge() {
        double[] o = {0.3, -1.2, 2.0, 0.1};
        double mean = Rows.sum(o, 0, 4) / 4;
        double var = 0;
        for (double v : o) {
            var += (v - mean) * (v - mean) / 4;
        }
        double b = 1.2;
        for (int c = 0; c < 4; c++) {
            double zc = (o[c] - mean) / Math.sqrt(var);
            double hinge = Math.max(0, b - zc);
            double value = ZLoss.of(1e4, b).forward(o, new int[] {c}, Shape.of(1, 4), Mask.NONE);
            assertEquals(hinge, value, 1e-3, "class " + c);
        }
    }

    /** Masked classes are left out of μ and σ: the masked row's loss is the loss of its visible entries alone. */
    @Test
    void maskedClassesAreLeftOutOfTheStatistics() {
        double[] o = {1.0, 50.0, -2.0, 0.5, -40.0};
        boolean[] visible = {true, false, true, true, false};
        double masked = ZLoss.defaults().forward(o, new int[] {2}, Shape.of(1, 5), Mask.elements(visible));
        double alone = ZLoss.defaults().forward(new double[] {1.0, -2.0, 0.5}, new int[] {1}, Shape.of(1, 3),
                Mask.NONE);
        assertEquals(alone, masked, 1e-15);
    }

    /** A constant row (σ = 0) gives z = 0: loss softplus(ab)/a and gradient 0, never NaN. */
    @Test
    void constantRowHasZeroGradient() {
        ZLoss f = ZLoss.of(2, 1);
        double[] o = {3, 3, 3};
        double[] g = new double[3];
        f.backward(o, new int[] {1}, g, Shape.of(1, 3), Mask.NONE);
        assertEquals(Math.log1p(Math.exp(2)) / 2, f.forward(o, new int[] {1}, Shape.of(1, 3), Mask.NONE), 1e-15);
        for (double v : g) {
            assertEquals(0, v, 0);
        }
    }

    @Test
    void badHyperParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ZLoss.of(0, 1));
        assertThrows(IllegalArgumentException.class, () -> ZLoss.of(1, Double.NaN));
    }
}
