package io.github.softmaxlab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.testing.LossContract;
import io.github.softmaxlab.testing.Rows;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LogisticSoftmaxLossTest {

    @Nested
    class Classic extends LossContract {
        @Override
        protected Loss loss() {
            return LogisticSoftmaxLoss.withTemperature(1);
        }
    }

    @Nested
    class Cold extends LossContract {
        @Override
        protected Loss loss() {
            return LogisticSoftmaxLoss.withTemperature(0.5);
        }
    }

    /** p = σ(f_c/τ) / Σ σ(f_k/τ), computed directly in float64. */
    @Test
    void matchesTheDefinition() {
        Random random = new Random(9);
        for (double tau : new double[] {0.25, 1, 3}) {
            double[] f = Rows.gaussian(random, 6, 2);
            double sum = 0;
            for (double v : f) {
                sum += 1 / (1 + Math.exp(-v / tau));
            }
            double p2 = 1 / (1 + Math.exp(-f[2] / tau)) / sum;
            assertEquals(-Math.log(p2), LogisticSoftmaxLoss.withTemperature(tau).forward(f, new int[] {2},
                    Shape.of(1, 6), Mask.NONE), 1e-12);
        }
    }

    /** Shifting every latent far below 0 recovers softmax: |LSM(f − 20) − softmax(f)| ≤ 1e-6 (spec: 2.8e-9). */
    @Test
    void farNegativeShiftRecoversSoftmax() {
        Random random = new Random(10);
        double[] f = Rows.gaussian(random, 5, 1);
        double[] shifted = new double[5];
        for (int k = 0; k < 5; k++) {
            shifted[k] = f[k] - 20;
        }
        Shape s = Shape.of(1, 5);
        for (int c = 0; c < 5; c++) {
            double lsm = Math.exp(-LogisticSoftmaxLoss.withTemperature(1).forward(shifted, new int[] {c}, s,
                    Mask.NONE));
            double softmax = Math.exp(-CrossEntropy.plain().forward(f, new int[] {c}, s, Mask.NONE));
            assertEquals(softmax, lsm, 1e-6, "class " + c);
        }
    }

    /** All-equal latents, or a huge temperature, give the uniform distribution: L = log n. */
    @Test
    void equalLatentsOrHugeTemperatureGiveUniform() {
        Shape s = Shape.of(1, 4);
        assertEquals(Math.log(4), LogisticSoftmaxLoss.withTemperature(1).forward(new double[] {2, 2, 2, 2},
                new int[] {1}, s, Mask.NONE), 1e-12);
        assertEquals(Math.log(4), LogisticSoftmaxLoss.withTemperature(1e9).forward(new double[] {5, -3, 0, 1},
                new int[] {1}, s, Mask.NONE), 1e-8);
    }

    /** The "inherent uncertainty": at τ = 1 even a huge lead caps p at 1/(1 + (C−1)·σ(0)) for the others at 0. */
    @Test
    void confidenceIsCappedAtTemperatureOne() {
        double[] f = {1e6, 0, 0, 0, 0};
        double p = Math.exp(-LogisticSoftmaxLoss.withTemperature(1).forward(f, new int[] {0}, Shape.of(1, 5),
                Mask.NONE));
        assertEquals(1 / (1 + 4 * 0.5), p, 1e-12);
    }

    @Test
    void badTemperatureIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> LogisticSoftmaxLoss.withTemperature(0));
    }
}
