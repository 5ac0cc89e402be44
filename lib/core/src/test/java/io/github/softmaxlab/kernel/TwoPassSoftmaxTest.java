package io.github.softmaxlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.kernel.TwoPassSoftmax.ExtSum;
import io.github.softmaxlab.kernel.reference.SoftmaxReference;
import io.github.softmaxlab.testing.Rows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Dukhan &amp; Ablavatski's two-pass softmax: (mantissa, exponent) sums that cannot overflow. */
class TwoPassSoftmaxTest {

    @Test
    void extendedSumMatchesLogSumExpWhereDoublesWouldOverflow() {
        Random random = new Random(21);
        float[] x = Rows.toFloat(Rows.uniform(random, 100_001, -1e4, 1e4));
        ExtSum s = TwoPassSoftmax.sum(x, 0, x.length);
        double lse = SoftmaxReference.logSumExp(Rows.toDouble(x), 0, x.length);
        assertTrue(s.mantissa() >= 0.7 && s.mantissa() <= 1.42 * x.length, "M = " + s.mantissa());
        assertEquals(lse, Math.log(s.mantissa()) + s.exponent() * Math.log(2), 1e-6 * Math.abs(lse));
        assertEquals(Double.POSITIVE_INFINITY, s.value(), "the plain double sum overflows; the pair did not");
    }

    @Test
    void mergingAccumulatorsInAnyOrderGivesTheSameSum() {
        Random random = new Random(22);
        float[] x = Rows.toFloat(Rows.uniform(random, 20_000, -1000, 1000));
        List<ExtSum> parts = new ArrayList<>();
        for (int start = 0; start < x.length; start += 999) {
            parts.add(TwoPassSoftmax.sum(x, start, Math.min(999, x.length - start)));
        }
        ExtSum reference = parts.stream().reduce(ExtSum.EMPTY, ExtSum::merge);
        for (int trial = 0; trial < 10; trial++) {
            Collections.shuffle(parts, random);
            ExtSum s = parts.stream().reduce(ExtSum.EMPTY, ExtSum::merge);
            assertEquals(reference.exponent(), s.exponent(), 0.0);
            assertEquals(reference.mantissa(), s.mantissa(), 1e-12 * reference.mantissa());
        }
        ExtSum whole = TwoPassSoftmax.sum(x, 0, x.length);
        assertEquals(Math.log(whole.mantissa()) + whole.exponent() * Math.log(2),
                Math.log(reference.mantissa()) + reference.exponent() * Math.log(2), 1e-6);
    }

    @Test
    void minusInfinityIsSkippedAndAllMinusInfinityGivesZeros() {
        float inf = Float.NEGATIVE_INFINITY;
        float[] x = new float[37];
        java.util.Arrays.fill(x, inf);
        x[20] = 3f;
        x[36] = 3f;
        float[] y = new float[37];
        TwoPassSoftmax.softmax(x, 0, y, 0, 37);
        assertEquals(0.5f, y[20], 1e-7f);
        assertEquals(0.5f, y[36], 1e-7f);
        java.util.Arrays.fill(x, inf);
        TwoPassSoftmax.softmax(x, 0, y, 0, 37);
        for (float v : y) {
            assertEquals(0f, v);
        }
        assertEquals(ExtSum.EMPTY, TwoPassSoftmax.sum(x, 0, 37));
    }

    @Test
    void matchesReferenceWithinOnePartPerMillionOnWideRows() {
        // The paper's benchmark distribution: x ~ U(−1000, 1000).
        Random random = new Random(23);
        for (int n : new int[] {1, 7, 33, 1000, 100_000, 1_000_000}) {
            float[] x = Rows.toFloat(Rows.uniform(random, n, -1000, 1000));
            double[] expected = new double[n];
            SoftmaxReference.softmax(Rows.toDouble(x), 0, expected, 0, n);
            float[] y = new float[n];
            TwoPassSoftmax.softmax(x, 0, y, 0, n);
            // Relative error on every probability above 1e-30 (smaller ones underflow float32 anyway).
            double err = Rows.maxRelativeError(y, expected, 1e-30);
            assertTrue(err < 1e-6, "n = " + n + ": relative error " + err);
        }
    }
}
