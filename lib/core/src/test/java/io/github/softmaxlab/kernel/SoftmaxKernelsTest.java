package io.github.softmaxlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.kernel.reference.SoftmaxReference;
import io.github.softmaxlab.testing.Rows;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every float32 softmax kernel against the float64 safe-softmax reference, on rows from 1 to 10^6 entries
 * (including lengths that are not a multiple of the vector width), with an input and an output offset.
 *
 * <p>Tolerance: the relative error of each probability, with a floor of 1e-30 on the reference (smaller ones
 * underflow float32), must stay below 1e-5 for rows of N(0, 10²) scores, and each row must sum to 1 within 1e-5.
 * Why 1e-5: the input is exact (rounded to float32 first), the exponentials are good to 2e-7, the sum is
 * accumulated in double per block, so the measured error is about 5e-7; 1e-5 leaves room for other CPUs while
 * still catching a single-float accumulator over long rows (2e-3 at n = 10^6) or a wrong tail.
 */
class SoftmaxKernelsTest {

    interface Kernel {
        void softmax(float[] x, int xOff, float[] y, int yOff, int n);
    }

    static final Kernel[] KERNELS = {
        SoftmaxKernel::softmax, SoftmaxKernel::softmaxRecompute, OnlineSoftmax::softmax, TwoPassSoftmax::softmax,
        ScalarSoftmax::softmax,
    };
    static final String[] NAMES = {"three-pass", "three-pass recompute", "online", "two-pass", "scalar"};

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 15, 16, 17, 100, 1000, 4097, 65_537, 1_000_000})
    void allKernelsMatchTheFloat64Reference(int n) {
        Random random = new Random(n);
        float[] x = new float[n + 5];
        System.arraycopy(Rows.toFloat(Rows.gaussian(random, n, 10)), 0, x, 5, n);
        double[] expected = new double[n];
        SoftmaxReference.softmax(Rows.toDouble(x), 5, expected, 0, n);
        StringBuilder report = new StringBuilder("n = " + n + ":");
        for (int k = 0; k < KERNELS.length; k++) {
            float[] y = new float[n + 3];
            KERNELS[k].softmax(x, 5, y, 2, n); // offsets, to catch offset bugs
            float[] got = Arrays.copyOfRange(y, 2, 2 + n);
            double err = Rows.maxRelativeError(got, expected, 1e-30);
            assertTrue(err < 1e-5, NAMES[k] + " at n = " + n + ": relative error " + err);
            double sum = Rows.sum(Rows.toDouble(got), 0, n);
            assertEquals(1.0, sum, 1e-5, NAMES[k] + " at n = " + n + " sums to " + sum);
            assertEquals(0f, y[0]);
            assertEquals(0f, y[1]);
            assertEquals(0f, y[n + 2]);
            report.append(String.format(" %s %.2g (abs %.2g, sum-1 %.1g);", NAMES[k], err,
                    Rows.maxAbsError(got, expected), sum - 1));
        }
        if (n == 1_000_000) {
            System.out.println("float32 vs float64, N(0, 10²), max relative error, " + report);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 17, 1000, 100_000})
    void wideRangeInputsNeverOverflow(int n) {
        // U(−1000, 1000) and ±1e4: naive exp(x) overflows; the safe kernels must not.
        Random random = new Random(7 + n);
        for (double range : new double[] {1000, 1e4}) {
            float[] x = Rows.toFloat(Rows.uniform(random, n, -range, range));
            double[] expected = new double[n];
            SoftmaxReference.softmax(Rows.toDouble(x), 0, expected, 0, n);
            for (int k = 0; k < KERNELS.length; k++) {
                float[] y = new float[n];
                KERNELS[k].softmax(x, 0, y, 0, n);
                for (float v : y) {
                    assertTrue(Float.isFinite(v), NAMES[k] + " produced " + v);
                }
                double err = Rows.maxRelativeError(y, expected, 1e-30);
                assertTrue(err < 1e-6, NAMES[k] + " range " + range + " n " + n + ": relative error " + err);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 64, 3000})
    void shiftInvarianceLogSoftmaxAndLogSumExp(int n) {
        Random random = new Random(n * 31L);
        float[] x = new float[n];
        float[] shifted = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.round(random.nextGaussian() * 3 * 256) / 256f; // shifting by 100 stays exact
            shifted[i] = x[i] + 100f;
        }
        double[] expected = new double[n];
        SoftmaxReference.softmax(Rows.toDouble(x), 0, expected, 0, n);
        for (int k = 0; k < KERNELS.length; k++) {
            float[] a = new float[n];
            float[] b = new float[n];
            KERNELS[k].softmax(x, 0, a, 0, n);
            KERNELS[k].softmax(shifted, 0, b, 0, n);
            assertTrue(Rows.maxRelativeError(b, expected, 1e-30) < 1e-6, NAMES[k] + ": shifted row");
            assertTrue(Rows.maxRelativeError(a, Rows.toDouble(b), 1e-30) < 1e-6, NAMES[k] + ": shift changed it");
        }
        float[] log = new float[n];
        SoftmaxKernel.logSoftmax(x, 0, log, 0, n);
        double[] logExpected = new double[n];
        SoftmaxReference.logSoftmax(Rows.toDouble(x), 0, logExpected, 0, n);
        assertTrue(Rows.maxAbsError(log, logExpected) < 2e-6, "log-softmax");
        assertEquals(SoftmaxReference.logSumExp(Rows.toDouble(x), 0, n), SoftmaxKernel.logSumExp(x, 0, n), 2e-6);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 33, 1025})
    void backwardPassesMatchTheirReferences(int n) {
        Random random = new Random(n + 99L);
        float[] x = Rows.toFloat(Rows.gaussian(random, n, 4));
        float[] dy = Rows.toFloat(Rows.gaussian(random, n, 1));
        x[n / 2] = Float.NEGATIVE_INFINITY;
        float[] y = new float[n];
        float[] dx = new float[n];
        double[] y64 = new double[n];
        double[] dx64 = new double[n];
        SoftmaxKernel.softmax(x, 0, y, 0, n);
        SoftmaxKernel.softmaxBackward(y, 0, dy, 0, dx, 0, n, 0.5f);
        SoftmaxReference.softmaxBackward(Rows.toDouble(y), 0, Rows.toDouble(dy), 0, dx64, 0, n, 0.5);
        assertTrue(Rows.maxAbsError(dx, dx64) < 1e-6, "softmax backward");
        SoftmaxKernel.logSoftmax(x, 0, y, 0, n);
        SoftmaxKernel.logSoftmaxBackward(y, 0, dy, 0, dx, 0, n);
        SoftmaxReference.logSoftmax(Rows.toDouble(x), 0, y64, 0, n);
        SoftmaxReference.logSoftmaxBackward(y64, 0, Rows.toDouble(dy), 0, dx64, 0, n);
        assertTrue(Rows.maxAbsError(dx, dx64) < 1e-5, "log-softmax backward");
        assertEquals(0f, dx[n / 2], "−∞ entry of log-softmax");
    }
}
