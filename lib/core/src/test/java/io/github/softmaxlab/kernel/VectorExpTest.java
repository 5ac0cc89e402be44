package io.github.softmaxlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.kernel.reference.TwoPassSoftmaxReference;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.junit.jupiter.api.Test;

/**
 * The p5 exponential and its (mantissa, exponent) split against {@link Math#exp}, and its scalar twins against the
 * vector lanes.
 */
class VectorExpTest {

    /**
     * Bound on the worst relative error over the normal range [−87.3, 88.7]: measured 1.6e-7 (p5's own error is
     * 9e-8 on |t| ≤ ln2/2, plus float rounding), i.e. about 2 ulp.
     */
    static final double P5_MAX_REL_ERROR = 2.5e-7;
    /** The JDK's lanewise(EXP), which the three-pass and online kernels use: measured 6e-8 (under 1 ulp). */
    static final double JDK_MAX_REL_ERROR = 1.2e-7;

    private static final int LANES = VectorExp.SPECIES.length();

    /** Applies a vector function to an array, one vector at a time (length a multiple of the lane count). */
    private static float[] lanewise(float[] x, UnaryOperator<FloatVector> f) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i += LANES) {
            f.apply(FloatVector.fromArray(VectorExp.SPECIES, x, i)).intoArray(y, i);
        }
        return y;
    }

    /** A grid over [from, to) padded to whole vectors. */
    private static float[] grid(double from, double to, double step) {
        int n = (int) Math.ceil((to - from) / step);
        float[] x = new float[(n + LANES - 1) / LANES * LANES];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.min(from + i * step, to);
        }
        return x;
    }

    private static double worstRelativeError(float[] x, float[] y) {
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double exact = Math.exp(x[i]);
            worst = Math.max(worst, Math.abs(y[i] - exact) / exact);
        }
        return worst;
    }

    @Test
    void p5ExpIsAccurateOverTheNormalRangeAndItsScalarTwinIsBitwiseEqual() {
        float[] x = grid(-87.3, 88.72, 0.000731);
        float[] y = lanewise(x, VectorExp::exp);
        double worst = worstRelativeError(x, y);
        System.out.printf("VectorExp.exp (p5): max relative error %.3g over [-87.3, 88.72] (%d points)%n", worst,
                x.length);
        assertTrue(worst < P5_MAX_REL_ERROR, "worst relative error " + worst);
        for (int i = 0; i < x.length; i++) {
            assertEquals(y[i], VectorExp.exp(x[i]), 0f, "scalar twin differs at " + x[i]);
        }
    }

    @Test
    void jdkExpUsedByTheKernelsIsAccurate() {
        float[] x = grid(-87.3, 88.72, 0.00731);
        double worst = worstRelativeError(x, lanewise(x, v -> v.lanewise(VectorOperators.EXP)));
        System.out.printf("lanewise(EXP): max relative error %.3g%n", worst);
        assertTrue(worst < JDK_MAX_REL_ERROR, "worst relative error " + worst);
    }

    @Test
    void underflowOverflowInfinitiesAndNaN() {
        float inf = Float.POSITIVE_INFINITY;
        float[] x = new float[LANES * ((12 + LANES - 1) / LANES)];
        float[] special = {Float.NEGATIVE_INFINITY, -1e30f, -104f, -100f, -90f, -87.5f, 88.72f, 88.73f, 100f, inf,
            Float.NaN, 0f};
        System.arraycopy(special, 0, x, 0, special.length);
        float[] y = lanewise(x, VectorExp::exp);
        assertEquals(0f, y[0], "exp(−∞)");
        assertEquals(0f, y[1], "exp(−1e30)");
        assertEquals(0f, y[2], "exp(−104) is below half the smallest subnormal");
        // Subnormal results are rounded once, like (float) Math.exp.
        for (int i = 3; i <= 5; i++) {
            assertEquals((float) Math.exp(x[i]), y[i], 2 * Math.ulp((float) Math.exp(x[i])), "exp(" + x[i] + ")");
        }
        assertEquals((float) Math.exp(88.72f), y[6], 3e-7 * Math.exp(88.72f), "exp(88.72) is finite");
        assertEquals(inf, y[7]);
        assertEquals(inf, y[8]);
        assertEquals(inf, y[9]);
        assertTrue(Float.isNaN(y[10]), "exp(NaN)");
        assertEquals(1f, y[11]);
        for (int i = 0; i < special.length; i++) {
            assertEquals(y[i], VectorExp.exp(x[i]), 0f, "scalar twin at " + x[i]);
        }
    }

    @Test
    void mantissaAndExponentRebuildExpFarBeyondTheFloatRange() {
        // e^x = m · 2^n must hold far beyond the float exp range: the two-pass softmax relies on it.
        float[] x = grid(-1e4, 1e4, 0.917);
        float[] n = lanewise(x, VectorExp::exponent);
        float[] m = new float[x.length];
        for (int i = 0; i < x.length; i += LANES) {
            FloatVector xv = FloatVector.fromArray(VectorExp.SPECIES, x, i);
            VectorExp.mantissa(xv, VectorExp.exponent(xv)).intoArray(m, i);
        }
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            assertEquals(n[i], VectorExp.exponent(x[i]), 0f, "scalar exponent at " + x[i]);
            assertEquals(m[i], VectorExp.mantissa(x[i], n[i]), 0f, "scalar mantissa at " + x[i]);
            assertTrue(m[i] > 0.7070f && m[i] < 1.4145f, "mantissa " + m[i] + " at " + x[i]);
            assertEquals(TwoPassSoftmaxReference.exponent(x[i]), n[i], 1.0, "exponent at " + x[i]);
            // log(m · 2^n) = x, so m = e^{x − n ln2} exactly: compare m against that in float64.
            double exact = Math.exp(x[i] - n[i] * Math.log(2));
            worst = Math.max(worst, Math.abs(m[i] - exact) / exact);
        }
        System.out.printf("VectorExp.mantissa: max relative error %.3g for |x| <= 1e4%n", worst);
        assertTrue(worst < P5_MAX_REL_ERROR, "worst mantissa error " + worst);
    }

    @Test
    void splitStaysFiniteForAnyInput() {
        for (float x : new float[] {Float.NEGATIVE_INFINITY, -Float.MAX_VALUE, -1e7f, 1e7f, Float.MAX_VALUE,
            Float.POSITIVE_INFINITY}) {
            float n = VectorExp.exponent(x);
            float m = VectorExp.mantissa(x, n);
            assertTrue(Math.abs(n) <= 0x1p22f && Float.isFinite(m) && m > 0.5f && m < 2f, "x " + x + ": m " + m
                    + ", n " + n);
        }
    }

    @Test
    void powersOfTwoFromExponentBits() {
        for (int k = -126; k <= 127; k++) {
            assertEquals(Math.scalb(1f, k), VectorExp.pow2((float) k), 0f, "2^" + k);
        }
        assertEquals(0f, VectorExp.pow2(-127f));
        assertEquals(0f, VectorExp.pow2(-1e9f));
        assertEquals(0f, VectorExp.pow2(Float.NEGATIVE_INFINITY));
        float[] k = grid(-130, 10, 1);
        float[] p = lanewise(k, VectorExp::pow2);
        for (int i = 0; i < k.length; i++) {
            assertEquals(VectorExp.pow2(k[i]), p[i], 0f, "vector 2^" + k[i]);
        }
    }
}
