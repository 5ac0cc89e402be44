package io.github.softmaxlab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.normalize.LogSumExp;
import io.github.softmaxlab.testing.LossContract;
import io.github.softmaxlab.testing.Rows;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PalmZLossTest {

    @Nested
    class Contract extends LossContract {
        /** A large coefficient so that gradient checks test something above the absolute tolerance. */
        @Override
        protected Loss loss() {
            return PalmZLoss.withCoefficient(0.5);
        }
    }

    @Nested
    class WithCrossEntropy extends LossContract {
        @Override
        protected Loss loss() {
            return LossSum.of(CrossEntropy.plain(), PalmZLoss.withCoefficient(0.1));
        }
    }

    /** The stable form: coefficient · logsumexp(x + c)² = coefficient · (logsumexp(x) + c)², even for c = 1e4. */
    @Test
    void shiftMovesLogZExactly() {
        Random random = new Random(6);
        PalmZLoss f = PalmZLoss.palm();
        for (double c : new double[] {-1e4, -3, 0, 2.5, 1e4}) {
            double[] x = Rows.gaussian(random, 9, 2);
            double lse = LogSumExp.forward(x, Shape.of(1, 9), Mask.NONE)[0];
            double[] shifted = x.clone();
            for (int i = 0; i < 9; i++) {
                shifted[i] += c;
            }
            double expected = 1e-4 * (lse + c) * (lse + c);
            assertEquals(expected, f.forward(shifted, new int[] {0}, Shape.of(1, 9), Mask.NONE),
                    1e-12 * Math.max(1, expected), "c = " + c);
        }
    }

    /** The target is ignored: every target gives the same loss. */
    @Test
    void targetIsIgnored() {
        double[] x = {0.5, 2, -1};
        PalmZLoss f = PalmZLoss.palm();
        for (int t = 0; t < 3; t++) {
            assertEquals(f.forward(x, new int[] {0}, Shape.of(1, 3), Mask.NONE),
                    f.forward(x, new int[] {t}, Shape.of(1, 3), Mask.NONE), 0);
        }
    }

    /** Unlike de Brébisson &amp; Vincent's Z-loss, this one is not shift-invariant. */
    @Test
    void notShiftInvariantUnlikeTheZLoss() {
        double[] x = {0.5, 2, -1};
        double[] shifted = {5.5, 7, 4};
        int[] t = {1};
        Shape s = Shape.of(1, 3);
        assertNotEquals(PalmZLoss.palm().forward(x, t, s, Mask.NONE),
                PalmZLoss.palm().forward(shifted, t, s, Mask.NONE), 1e-6);
        assertEquals(ZLoss.defaults().forward(x, t, s, Mask.NONE), ZLoss.defaults().forward(shifted, t, s, Mask.NONE),
                1e-12);
    }
}
