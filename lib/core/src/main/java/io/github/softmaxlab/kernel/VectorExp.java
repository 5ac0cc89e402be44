package io.github.softmaxlab.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorised {@code exp} for float32 lanes, the building block of every softmax kernel here.
 *
 * <p>For each lane, {@code e^x = m · 2^n} with
 * <ul>
 *   <li>{@code n = rint(x · log2 e)},
 *   <li>{@code t = x − n·ln2}, by Cody–Waite range reduction with two FMAs
 *       ({@code ln2_hi = 0x1.62E43p-1}, {@code ln2_lo = −0x1.05C61p-29}), so {@code |t| ≤ ln2/2},
 *   <li>{@code m = p(t)}, XNNPACK's degree-5 minimax polynomial ("p5"), {@code m ∈ [0.707, 1.414]}.
 * </ul>
 * This is the decomposition of Dukhan &amp; Ablavatski, "The Two-Pass Softmax Algorithm" (arXiv 2001.04438, §3–4).
 * {@link #exp} scales by {@code 2^n} through the exponent bits; {@link #mantissa} and {@link #exponent} hand the
 * pair to {@link TwoPassSoftmax}, which never forms {@code 2^n} for large n.
 *
 * <p>Why FMA: without it the reduction loses about 9 bits for |x| near 1e4 (4e-5 relative error against 6e-8 with
 * it, measured for the spec's errata). Why the clamp on t: for |x| beyond float precision (above about 1e7)
 * {@code x − n·ln2} is only known to within ulp(x); clamping t keeps m in range, so results stay finite and exact to
 * float precision (equal inputs still give equal outputs).
 */
public final class VectorExp {

    /** Lane layout used by every kernel in this package. */
    public static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    static final float LOG2E = 0x1.715476p+0f;
    static final float LN2_HI = 0x1.62E43p-1f;
    static final float LN2_LO = -0x1.05C61p-29f;
    static final float C1 = 0x1.FFFFF6p-1f;
    static final float C2 = 0x1.FFFDC6p-2f;
    static final float C3 = 0x1.555A80p-3f;
    static final float C4 = 0x1.573A1Ap-5f;
    static final float C5 = 0x1.0F9F9Cp-7f;
    /** Below this, e^x is under the smallest normal float: the result is flushed to 0. */
    static final float UNDERFLOW = -87.33654f;
    /** Above this, e^x overflows float. */
    static final float OVERFLOW = 88.72283f;
    private static final float ROUNDER = 0x1.8p23f;
    private static final float T_LIMIT = 0.3466f; // ln2/2 plus a little: the range of t for representable x

    private VectorExp() {
    }

    /** {@code e^x} per lane; 0 for x below about −87.3 (and for −∞), +∞ above about 88.7. */
    public static FloatVector exp(FloatVector x) {
        FloatVector clamped = x.max(UNDERFLOW).min(OVERFLOW);
        FloatVector n = exponent(clamped);
        FloatVector m = mantissa(clamped, n);
        IntVector bits = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        FloatVector scale = (FloatVector) bits.reinterpretAsFloats();
        FloatVector result = m.mul(scale);
        return result.blend(0f, x.lt(UNDERFLOW)).blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, OVERFLOW));
    }

    /**
     * {@code n = rint(x · log2 e)}, as floats. Adding and subtracting 1.5·2^23 rounds to nearest-even in one step;
     * beyond 2^22 the product is already (nearly) an integer and the trick would not apply, so it is kept as is.
     */
    public static FloatVector exponent(FloatVector x) {
        // Clamp so that |x| near Float.MAX_VALUE does not overflow to ±∞ (and n − E to NaN downstream).
        FloatVector v = x.mul(LOG2E).max(-Float.MAX_VALUE).min(Float.MAX_VALUE);
        FloatVector rounded = v.add(ROUNDER).sub(ROUNDER);
        return rounded.blend(v, v.abs().compare(VectorOperators.GE, 0x1p22f));
    }

    /** {@code m = p(x − n·ln2)} with {@code n = exponent(x)}, so that {@code e^x = m · 2^n}. */
    public static FloatVector mantissa(FloatVector x, FloatVector n) {
        FloatVector t = n.fma(n.broadcast(-LN2_HI), x);
        t = n.fma(n.broadcast(-LN2_LO), t).max(-T_LIMIT).min(T_LIMIT);
        FloatVector p = t.fma(C5, C4);
        p = p.fma(t, t.broadcast(C3));
        p = p.fma(t, t.broadcast(C2));
        p = p.fma(t, t.broadcast(C1));
        return p.fma(t, t.broadcast(1f));
    }

    /** Scalar twin of {@link #exp(FloatVector)} for loop tails, so tails and bodies round the same way. */
    public static float exp(float x) {
        if (x < UNDERFLOW) {
            return 0f;
        }
        if (x > OVERFLOW) {
            return Float.POSITIVE_INFINITY;
        }
        float n = exponent(x);
        return mantissa(x, n) * Float.intBitsToFloat(((int) n + 127) << 23);
    }

    /** Scalar twin of {@link #exponent(FloatVector)}. */
    public static float exponent(float x) {
        float v = Math.min(Math.max(x * LOG2E, -Float.MAX_VALUE), Float.MAX_VALUE);
        return Math.abs(v) >= 0x1p22f ? v : (v + ROUNDER) - ROUNDER;
    }

    /** Scalar twin of {@link #mantissa(FloatVector, FloatVector)}. */
    public static float mantissa(float x, float n) {
        float t = Math.fma(n, -LN2_HI, x);
        t = Math.min(Math.max(Math.fma(n, -LN2_LO, t), -T_LIMIT), T_LIMIT);
        float p = Math.fma(t, C5, C4);
        p = Math.fma(p, t, C3);
        p = Math.fma(p, t, C2);
        p = Math.fma(p, t, C1);
        return Math.fma(p, t, 1f);
    }
}
