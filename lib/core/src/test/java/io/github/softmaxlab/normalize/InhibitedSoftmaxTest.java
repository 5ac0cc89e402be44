package io.github.softmaxlab.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.testing.NormalizerContract;
import io.github.softmaxlab.testing.Rows;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Inhibited softmax (Gonsior et al., arXiv 2210.03005): the contract (rows sum to ≤ 1) and the inhibitor mass. */
class InhibitedSoftmaxTest {

    // sumsToOne() is false, so the contract checks sums ≤ 1 (its default maxRowSum): exactly this paper's claim.
    @Nested
    class Standard extends NormalizerContract {
        @Override
        protected Normalizer normalizer() {
            return InhibitedSoftmax.standard();
        }
    }

    @Nested
    class SmallInhibitor extends NormalizerContract {
        @Override
        protected Normalizer normalizer() {
            return InhibitedSoftmax.withInhibitor(0.01);
        }
    }

    @Test
    void rowsSumToStrictlyLessThanOneWithTheInhibitorKeepingTheRest() {
        Random random = new Random(7);
        for (int n : new int[] {1, 2, 10, 100}) {
            double[] z = Rows.gaussian(random, n, 3);
            double[] p = InhibitedSoftmax.standard().apply(z);
            double s = 0;
            for (double v : z) {
                s += Math.exp(v);
            }
            double sum = Rows.sum(p, 0, n);
            assertTrue(sum < 1, "row sum " + sum);
            assertEquals(s / (s + 1.5), sum, 1e-12, "sum = S/(S + c)");
        }
    }

    @Test
    void isSoftmaxOverTheRowPlusTheConstantLogitLogC() {
        double[] z = {0.3, -1.2, 2.0, 0.0};
        double[] augmented = {0.3, -1.2, 2.0, 0.0, Math.log(1.5)};
        double[] soft = Softmax.standard().apply(augmented);
        double[] p = InhibitedSoftmax.standard().apply(z);
        for (int i = 0; i < z.length; i++) {
            assertEquals(soft[i], p[i], 1e-15);
        }
    }

    @Test
    void lowScoresGiveTheMassToTheInhibitorAndHighScoresTakeItBack() {
        double low = Rows.sum(InhibitedSoftmax.standard().apply(-10.0, -10.0, -10.0), 0, 3);
        double high = Rows.sum(InhibitedSoftmax.standard().apply(20.0, -10.0, -10.0), 0, 3);
        assertTrue(low < 1e-3, "all-low row keeps only " + low);
        assertTrue(high > 1 - 1e-8, "a dominant score takes nearly everything: " + high);
        assertEquals(0.0, Rows.sum(InhibitedSoftmax.standard().apply(-1e30, -1e30), 0, 2), 0.0);
    }

    @Test
    void ordersLikeSoftmaxAndKeepsItsRatios() {
        double[] p = InhibitedSoftmax.standard().apply(1.0, 2.0, 3.0);
        assertEquals(Math.E, p[1] / p[0], 1e-12);
        assertEquals(Math.E, p[2] / p[1], 1e-12);
    }

    @Test
    void rejectsANonPositiveInhibitor() {
        var e = assertThrows(IllegalArgumentException.class, () -> InhibitedSoftmax.withInhibitor(0));
        assertTrue(e.getMessage().contains("inhibitor"), e.getMessage());
    }
}
