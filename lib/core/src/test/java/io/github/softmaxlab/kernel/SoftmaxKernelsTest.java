package io.github.softmaxlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.kernel.reference.SoftmaxReference;
import io.github.softmaxlab.testing.Rows;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every float32 softmax kernel against the float64 reference, on rows from 1 to 10^6 entries (including lengths
 * that are not a multiple of the vector width).
 *
 * <p>Tolerance: the relative error of each probability, with a floor of 1e-30 on the reference, must stay below
 * 1e-5 for rows of N(0, 10²) scores (an input rounded to float32 already moves e^x by up to |x|·6e-8 relative, so
 * 1e-5 is about 15 ulp of slack at |x| = 10); and each row sums to 1 within 1e-5.
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
        float[] x = Rows.toFloat(Rows.gaussian(random, n, 10));
        double[] expected = new double[n];
        SoftmaxReference.softmax(Rows.toDouble(x), 0, expected, 0, n);
        for (int k = 0; k < KERNELS.length; k++) {
            float[] y = new float[n + 3];
            KERNELS[k].softmax(x, 0, y, 2, n); // an output offset, to catch offset bugs
            float[] got = java.util.Arrays.copyOfRange(y, 2, 2 + n);
            double err = Rows.maxRelativeError(got, expected, 1e-30);
            assertTrue(err < 1e-5, NAMES[k] + " at n = " + n + ": relative error " + err);
            double sum = 0;
            for (float v : got) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-5, NAMES[k] + " at n = " + n + " sums to " + sum);
            assertEquals(0f, y[0]);
            assertEquals(0f, y[n + 2]);
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
                // Entries within 30 of the max carry the mass; compare them relatively, the rest absolutely.
                double err = Rows.maxAbsError(y, expected);
                assertTrue(err < 1e-6, NAMES[k] + " range " + range + " n " + n + ": abs error " + err);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 64, 3000})
    void shiftInvarianceAndLogSoftmax(int n) {
        Random random = new Random(n * 31L);
        float[] x = Rows.toFloat(Rows.gaussian(random, n, 3));
        float[] shifted = new float[n];
        for (int i = 0; i < n; i++) {
            shifted[i] = x[i] + 100f;
        }
        float[] a = new float[n];
        float[] b = new float[n];
        SoftmaxKernel.softmax(x, 0, a, 0, n);
        SoftmaxKernel.softmax(shifted, 0, b, 0, n);
        double[] expected = new double[n];
        SoftmaxReference.softmax(Rows.toDouble(x), 0, expected, 0, n);
        assertTrue(Rows.maxRelativeError(b, expected, 1e-30) < 2e-5, "shifted row");

        float[] log = new float[n];
        SoftmaxKernel.logSoftmax(x, 0, log, 0, n);
        double[] logExpected = new double[n];
        SoftmaxReference.logSoftmax(Rows.toDouble(x), 0, logExpected, 0, n);
        assertTrue(Rows.maxAbsError(log, logExpected) < 2e-6, "log-softmax");
        assertEquals(SoftmaxReference.logSumExp(Rows.toDouble(x), 0, n), SoftmaxKernel.logSumExp(x, 0, n), 2e-6);
    }
}
