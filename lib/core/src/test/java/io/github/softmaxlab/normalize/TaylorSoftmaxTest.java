package io.github.softmaxlab.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.testing.NormalizerContract;
import io.github.softmaxlab.testing.Rows;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Taylor-softmax (TaylorShift, arXiv 2403.02920): the contract, the spec's unit tests and the overflow erratum. */
class TaylorSoftmaxTest {

    // The contract passes unchanged, including its ±1e30 and ±3e38 rows, thanks to the scaled form.
    @Nested
    class Contract extends NormalizerContract {
        @Override
        protected Normalizer normalizer() {
            return new TaylorSoftmax();
        }
    }

    @Test
    void isTheNormalisedSecondOrderPolynomial() {
        double[] z = {-3, -1, 0, 0.5, 2};
        double[] p = new TaylorSoftmax().apply(z);
        double sum = 0;
        for (double v : z) {
            sum += 1 + v + v * v / 2;
        }
        for (int i = 0; i < z.length; i++) {
            assertEquals((1 + z[i] + z[i] * z[i] / 2) / sum, p[i], 1e-15);
        }
    }

    @Test
    void isCloseToSoftmaxForSmallScores() {
        // Spec part 2 §1: |x| ≤ 0.1, n = 64, gap < 1e-4 (measured about 3e-6).
        double[] z = Rows.uniform(new Random(3), 64, -0.1, 0.1);
        double gap = Rows.maxAbsError(new TaylorSoftmax().apply(z), Softmax.standard().apply(z));
        assertTrue(gap < 1e-4, "gap " + gap);
        assertTrue(gap > 1e-8, "a second-order polynomial is not exactly exp: gap " + gap);
    }

    @Test
    void everyWeightIsPositiveEvenForNegativeScores() {
        double[] p = new TaylorSoftmax().apply(-1.0, -50.0, 3.0);
        for (double v : p) {
            assertTrue(v > 0, "weight " + v);
        }
        // T(−1) = 1/2 is the minimum of T: the score −1 gets less weight than −50 (T(−50) = 1201).
        assertTrue(p[0] < p[1]);
    }

    @Test
    void hugeScoresUseTheScaledFormInBothPrecisions() {
        // Erratum: computed directly, z²/2 overflows float32 at 1e30 (∞/∞ = NaN). The scaled form gives the limit.
        float direct = 1e30f * 1e30f / 2;
        assertTrue(Float.isNaN(direct / (direct + direct)), "the direct float32 form really breaks");
        float[] pf = new TaylorSoftmax().apply(1e30f, 0f, -1e30f);
        assertArrayEquals(new float[] {0.5f, 0f, 0.5f}, pf, 1e-7f);
        double[] pd = new TaylorSoftmax().apply(1e200, 0.0, -1e200, 1e199);
        double denom = 0.5 + 0.5 + 0.005;
        assertArrayEquals(new double[] {0.5 / denom, 0, 0.5 / denom, 0.005 / denom}, pd, 1e-12);
        double[] big = new TaylorSoftmax().apply(Double.MAX_VALUE, -Double.MAX_VALUE);
        assertArrayEquals(new double[] {0.5, 0.5}, big, 1e-15);
    }

    @Test
    void minusInfinityIsDroppedNotGivenInfiniteWeight() {
        double[] p = new TaylorSoftmax().apply(Double.NEGATIVE_INFINITY, 1.0, 1.0);
        assertArrayEquals(new double[] {0, 0.5, 0.5}, p, 0.0);
    }
}
