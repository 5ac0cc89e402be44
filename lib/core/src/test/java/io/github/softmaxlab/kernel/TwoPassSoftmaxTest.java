package io.github.softmaxlab.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.kernel.TwoPassSoftmax.ExtSum;
import io.github.softmaxlab.kernel.reference.SoftmaxReference;
import io.github.softmaxlab.kernel.reference.TwoPassSoftmaxReference;
import io.github.softmaxlab.testing.Rows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * Dukhan &amp; Ablavatski's two-pass softmax: (mantissa, exponent) sums that cannot overflow.
 *
 * <p>Accuracy measure: the largest relative error {@code |y − p| / max(p, 1e-30)} over all probabilities, p from
 * the float64 safe softmax on the same (float32) inputs. Probabilities below 1e-30 are compared absolutely: they
 * are at the edge of float32's range and carry no mass.
 */
class TwoPassSoftmaxTest {

    @Test
    void matchesTheReferenceWithinOnePartPerMillionOnWideRows() {
        // The paper's benchmark distribution x ~ U(−1000, 1000), and |x| ≤ 1e4 where e^x overflows even double.
        Random random = new Random(23);
        for (double range : new double[] {1000, 1e4}) {
            double worst = 0;
            for (int n : new int[] {1, 7, 33, 1000, 4099, 100_000, 1_000_000}) {
                float[] x = Rows.toFloat(Rows.uniform(random, n, -range, range));
                double[] expected = new double[n];
                SoftmaxReference.softmax(Rows.toDouble(x), 0, expected, 0, n);
                float[] y = new float[n];
                TwoPassSoftmax.softmax(x, 0, y, 0, n);
                for (float v : y) {
                    assertTrue(Float.isFinite(v), "n = " + n + ": " + v);
                }
                double err = Rows.maxRelativeError(y, expected, 1e-30);
                assertTrue(err < 1e-6, "U(±" + range + "), n = " + n + ": relative error " + err);
                assertEquals(1.0, Rows.sum(Rows.toDouble(y), 0, n), 1e-5, "sum");
                worst = Math.max(worst, err);
            }
            System.out.printf("two-pass vs float64 on U(±%.0f), n up to 1e6: max relative error %.3g%n", range, worst);
        }
    }

    @Test
    void extendedSumMatchesLogSumExpWhereDoublesWouldOverflow() {
        Random random = new Random(21);
        float[] x = Rows.toFloat(Rows.uniform(random, 100_001, -1e4, 1e4));
        ExtSum s = TwoPassSoftmax.sum(x, 0, x.length);
        double lse = SoftmaxReference.logSumExp(Rows.toDouble(x), 0, x.length);
        assertTrue(s.mantissa() >= 0.7 && s.mantissa() <= 1.42 * x.length, "M = " + s.mantissa());
        assertEquals(lse, s.log(), 1e-6 * Math.abs(lse));
        assertEquals(Double.POSITIVE_INFINITY, s.value(), "the plain double sum overflows; the pair did not");
        ExtSum twin = TwoPassSoftmaxReference.sum(Rows.toDouble(x), 0, x.length);
        assertEquals(twin.log(), s.log(), 1e-6 * Math.abs(lse));
    }

    @Test
    void theVectorPassOneIsTheSplitOfVectorExp() {
        // The kernel writes the split inline; it must be exactly VectorExp's (m, n), merged by the (M, E) rule.
        Random random = new Random(24);
        int lanes = VectorExp.SPECIES.length();
        float[] x = Rows.toFloat(Rows.uniform(random, 4 * lanes, -300, 300));
        ExtSum expected = ExtSum.EMPTY;
        for (int i = 0; i < x.length; i += lanes) {
            FloatVector v = FloatVector.fromArray(VectorExp.SPECIES, x, i);
            float[] n = VectorExp.exponent(v).toArray();
            float[] m = VectorExp.mantissa(v, VectorExp.exponent(v)).toArray();
            for (int l = 0; l < lanes; l++) {
                expected = expected.merge(new ExtSum(m[l], n[l]));
            }
        }
        ExtSum got = TwoPassSoftmax.sum(x, 0, x.length);
        assertEquals(expected.exponent(), got.exponent(), 0.0);
        assertEquals(expected.mantissa(), got.mantissa(), 1e-6 * expected.mantissa());
    }

    @Test
    void mergingAccumulatorsInAnyTreeOrderGivesTheSameSum() {
        Random random = new Random(22);
        float[] x = Rows.toFloat(Rows.uniform(random, 20_000, -1000, 1000));
        List<ExtSum> chunks = new ArrayList<>();
        for (int start = 0; start < x.length; ) {
            int len = Math.min(1 + random.nextInt(1500), x.length - start);
            chunks.add(TwoPassSoftmax.sum(x, start, len));
            start += len;
        }
        ExtSum whole = TwoPassSoftmax.sum(x, 0, x.length);
        for (int trial = 0; trial < 20; trial++) {
            List<ExtSum> states = new ArrayList<>(chunks);
            while (states.size() > 1) { // merge a random neighbour pair, in a random operand order
                int i = random.nextInt(states.size() - 1);
                ExtSum a = states.get(i);
                ExtSum b = states.remove(i + 1);
                states.set(i, random.nextBoolean() ? a.merge(b) : b.merge(a));
            }
            ExtSum s = states.get(0);
            assertEquals(whole.exponent(), s.exponent(), 0.0, "trial " + trial);
            assertEquals(whole.mantissa(), s.mantissa(), 1e-6 * whole.mantissa(), "trial " + trial);
        }
        ExtSum some = chunks.get(0);
        assertEquals(some, some.merge(ExtSum.EMPTY));
        assertEquals(some, ExtSum.EMPTY.merge(some));
        assertEquals(ExtSum.EMPTY, ExtSum.EMPTY.merge(ExtSum.EMPTY));
    }

    @Test
    void minusInfinityIsSkippedAndAllMinusInfinityGivesZeros() {
        float inf = Float.NEGATIVE_INFINITY;
        float[] x = new float[37];
        Arrays.fill(x, inf);
        x[20] = 3f;
        x[36] = 3f;
        float[] y = new float[37];
        TwoPassSoftmax.softmax(x, 0, y, 0, 37);
        float[] expected = new float[37];
        expected[20] = 0.5f;
        expected[36] = 0.5f;
        assertArrayEquals(expected, y, 1e-7f);
        Arrays.fill(x, inf);
        TwoPassSoftmax.softmax(x, 0, y, 0, 37);
        assertArrayEquals(new float[37], y, 0f);
        assertEquals(ExtSum.EMPTY, TwoPassSoftmax.sum(x, 0, 37));
        assertEquals(ExtSum.EMPTY, TwoPassSoftmax.sum(x, 0, 0));
        double[] y64 = new double[3];
        TwoPassSoftmaxReference.softmax(new double[] {inf, 1, inf}, 0, y64, 0, 3);
        assertArrayEquals(new double[] {0, 1, 0}, y64, 0.0);
    }

    @Test
    void rowsBeyondTheExactRangeAreStillExact() {
        // float32 cannot reduce x = 1e8 by n·ln2 exactly (ulp(1e8) = 8); those rows take the three-pass route.
        float[][] rows = {
            {1e8f, 1e8f + 8, 1e8f - 8, 0f},
            {-1e8f, -1e8f - 8, Float.NEGATIVE_INFINITY},
            {3e38f, -3e38f, 0f},
            {1e30f, 1e30f, 5f},
            {8e5f, 8e5f - 3, -8e5f},
        };
        for (float[] x : rows) {
            double[] expected = new double[x.length];
            SoftmaxReference.softmax(Rows.toDouble(x), 0, expected, 0, x.length);
            float[] y = new float[x.length];
            TwoPassSoftmax.softmax(x, 0, y, 0, x.length);
            assertTrue(Rows.maxRelativeError(y, expected, 1e-30) < 1e-6, Arrays.toString(x) + " gave "
                    + Arrays.toString(y) + ", expected " + Arrays.toString(expected));
            double[] twin = new double[x.length];
            TwoPassSoftmaxReference.softmax(Rows.toDouble(x), 0, twin, 0, x.length);
            assertTrue(Rows.maxRelativeError(twin, expected, 1e-300) < 1e-12, "float64 twin on " + Arrays.toString(x));
        }
    }

    @Test
    void theFloat64TwinIsTheSafeSoftmax() {
        Random random = new Random(25);
        for (int n : new int[] {1, 10, 1000}) {
            double[] x = Rows.uniform(random, n, -1e4, 1e4);
            double[] expected = new double[n];
            SoftmaxReference.softmax(x, 0, expected, 0, n);
            double[] y = new double[n];
            TwoPassSoftmaxReference.softmax(x, 0, y, 0, n);
            assertTrue(Rows.maxRelativeError(y, expected, 1e-300) < 1e-11, "n = " + n);
        }
    }
}
