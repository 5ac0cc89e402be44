package io.github.softmaxlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.junit.jupiter.api.Test;

class VectorExpTest {

    /** Measured worst relative error against Math.exp over [−87, 88]: 6e-8 (under 1 ulp); we allow 2e-7. */
    static final double MAX_REL_ERROR = 2e-7;

    @Test
    void theKernelsVectorExpAndScalarTailsAreAccurateOverTheWholeRange() {
        int lanes = VectorExp.SPECIES.length();
        float[] x = new float[lanes];
        float[] y = new float[lanes];
        double worst = 0;
        for (double start = -87; start < 88; start += 0.01 * lanes) {
            for (int l = 0; l < lanes; l++) {
                x[l] = (float) (start + 0.01 * l + 0.003);
            }
            FloatVector.fromArray(VectorExp.SPECIES, x, 0).lanewise(VectorOperators.EXP).intoArray(y, 0);
            for (int l = 0; l < lanes; l++) {
                double exact = Math.exp(x[l]);
                worst = Math.max(worst, Math.abs(y[l] - exact) / exact);
                assertEquals(y[l], VectorExp.exp(x[l]), 2 * Math.ulp(y[l]), "scalar and vector tails disagree at " + x[l]);
            }
        }
        assertTrue(worst < MAX_REL_ERROR, "worst relative error " + worst);
    }

    @Test
    void underflowMinusInfinityAndOverflow() {
        float[] x = new float[VectorExp.SPECIES.length()];
        java.util.Arrays.fill(x, Float.NEGATIVE_INFINITY);
        x[0] = -100f;
        x[1] = -1e30f;
        if (x.length > 3) {
            x[2] = 100f;
            x[3] = 0f;
        }
        float[] y = new float[x.length];
        FloatVector.fromArray(VectorExp.SPECIES, x, 0).lanewise(VectorOperators.EXP).intoArray(y, 0);
        assertTrue(y[0] >= 0 && y[0] < 1e-40f, "exp(−100) = " + y[0]);
        assertEquals(0f, y[1]);
        if (x.length > 3) {
            assertEquals(Float.POSITIVE_INFINITY, y[2]);
            assertEquals(1f, y[3], 1e-7f);
        }
        for (int l = 4; l < x.length; l++) {
            assertEquals(0f, y[l], "exp(−∞)");
        }
        assertEquals(0f, VectorExp.exp(Float.NEGATIVE_INFINITY));
    }

    @Test
    void mantissaAndExponentRebuildExpForLargeArguments() {
        // e^x = m · 2^n must hold far beyond the float exp range: the two-pass softmax relies on it.
        for (float x : new float[] {-1e4f, -1234.5f, -90f, 0.5f, 90f, 1234.5f, 1e4f}) {
            float n = VectorExp.exponent(x);
            float m = VectorExp.mantissa(x, n);
            assertTrue(m > 0.7f && m < 1.42f, "mantissa " + m + " at " + x);
            double logExact = x;
            double logRebuilt = Math.log(m) + n * Math.log(2);
            assertEquals(logExact, logRebuilt, 3e-7 * Math.max(1, Math.abs(x)), "at " + x);
        }
    }
}
