package io.github.softmaxlab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.normalize.LogSoftmax;
import io.github.softmaxlab.testing.LossContract;
import io.github.softmaxlab.testing.Rows;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CrossEntropyTest {

    @Nested
    class Plain extends LossContract {
        @Override
        protected Loss loss() {
            return CrossEntropy.plain();
        }
    }

    @Nested
    class Smoothed extends LossContract {
        @Override
        protected Loss loss() {
            return CrossEntropy.withLabelSmoothing(0.1);
        }
    }

    @Test
    void plainIsMinusLogSoftmaxOfTheTarget() {
        Random random = new Random(1);
        Shape shape = Shape.of(8, 10);
        double[] z = Rows.gaussian(random, shape.size(), 3);
        int[] t = new int[shape.rows()];
        double[] logp = new double[z.length];
        LogSoftmax.forward(z, logp, shape, Mask.NONE);
        double expected = 0;
        for (int r = 0; r < t.length; r++) {
            t[r] = random.nextInt(shape.cols());
            expected -= logp[shape.offset(r) + t[r]] / t.length;
        }
        assertEquals(expected, CrossEntropy.plain().forward(z, t, shape, Mask.NONE), 1e-12);
    }

    @Test
    void smoothingMixesCrossEntropyWithTheUniformTarget() {
        Random random = new Random(2);
        Shape shape = Shape.of(1, 7);
        double[] z = Rows.gaussian(random, shape.size(), 2);
        int[] t = {3};
        double eps = 0.3;
        double[] logp = new double[z.length];
        LogSoftmax.forward(z, logp, shape, Mask.NONE);
        double expected = -(1 - eps) * logp[3] - eps * Rows.sum(logp, 0, 7) / 7;
        assertEquals(expected, CrossEntropy.withLabelSmoothing(eps).forward(z, t, shape, Mask.NONE), 1e-12);
    }

    /** The smoothed loss is minimised where p = q: at z = log q the gradient vanishes. */
    @Test
    void smoothedMinimumIsAtTheSmoothedTarget() {
        double eps = 0.2;
        int n = 5;
        double[] z = new double[n];
        for (int j = 0; j < n; j++) {
            z[j] = Math.log((j == 1 ? 1 - eps : 0) + eps / n);
        }
        double[] grad = new double[n];
        CrossEntropy.withLabelSmoothing(eps).backward(z, new int[] {1}, grad, Shape.of(1, n), Mask.NONE);
        for (double g : grad) {
            assertEquals(0, g, 1e-15);
        }
    }

    @Test
    void smoothingOutsideZeroOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> CrossEntropy.withLabelSmoothing(1));
        assertThrows(IllegalArgumentException.class, () -> CrossEntropy.withLabelSmoothing(-0.1));
    }
}
