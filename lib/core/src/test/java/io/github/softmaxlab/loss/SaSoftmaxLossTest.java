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

class SaSoftmaxLossTest {

    @Nested
    class Contract extends LossContract {
        /** Two prototypes per identity: the column count must be even. */
        @Override
        protected int[] columnCounts() {
            return new int[] {2, 4, 10};
        }

        @Override
        protected Loss loss() {
            return new SaSoftmaxLoss();
        }
    }

    /** The own-modality prototype's logit never contributes: any value gives the same loss, and gradient 0. */
    @Test
    void featureMaskedLogitNeverContributes() {
        Random random = new Random(7);
        SaSoftmaxLoss f = new SaSoftmaxLoss();
        for (int trial = 0; trial < 50; trial++) {
            int identities = 1 + random.nextInt(6);
            Shape shape = Shape.of(1, 2 * identities);
            double[] u = Rows.gaussian(random, shape.size(), 3);
            int[] t = {SaSoftmaxLoss.target(random.nextInt(identities), random.nextInt(2))};
            double base = f.forward(u, t, shape, Mask.NONE);
            assertTrue(base >= 0);
            u[t[0] ^ 1] = 1e6 * random.nextGaussian();
            assertEquals(base, f.forward(u, t, shape, Mask.NONE), 0);
            double[] g = new double[u.length];
            f.backward(u, t, g, shape, Mask.NONE);
            assertEquals(0, g[t[0] ^ 1], 0);
        }
    }

    /** SA-Softmax is cross-entropy on the other-modality target with the own-modality prototype masked. */
    @Test
    void equalsCrossEntropyWithTheOwnModalityPrototypeMasked() {
        Random random = new Random(8);
        Shape shape = Shape.of(6, 8);
        double[] u = Rows.gaussian(random, shape.size(), 2);
        int[] t = new int[shape.rows()];
        boolean[] visible = new boolean[shape.size()];
        java.util.Arrays.fill(visible, true);
        for (int r = 0; r < t.length; r++) {
            t[r] = SaSoftmaxLoss.target(random.nextInt(4), r % 2);
            visible[shape.offset(r) + (t[r] ^ 1)] = false;
        }
        assertEquals(CrossEntropy.plain().forward(u, t, shape, Mask.elements(visible)),
                new SaSoftmaxLoss().forward(u, t, shape, Mask.NONE), 1e-12);
    }

    /** With one identity only the target prototype is left in the denominator: L = 0. */
    @Test
    void oneIdentityGivesZeroLoss() {
        double[] u = {3.0, -7.0, 1.0, 4.0};
        assertEquals(0, new SaSoftmaxLoss().forward(u, new int[] {1, 0}, Shape.of(2, 2), Mask.NONE), 0);
    }

    @Test
    void targetIsTheOtherModalityPrototype() {
        assertEquals(7, SaSoftmaxLoss.target(3, 0));
        assertEquals(6, SaSoftmaxLoss.target(3, 1));
        assertThrows(IllegalArgumentException.class, () -> SaSoftmaxLoss.target(1, 2));
    }

    @Test
    void oddColumnCountIsRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new SaSoftmaxLoss().forward(new double[3], new int[] {0}, Shape.of(1, 3), Mask.NONE));
        assertTrue(e.getMessage().contains("even") && e.getMessage().contains("3"), e.getMessage());
    }
}
