package io.github.softmaxlab.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorised {@code exp} for float32 lanes, written out as in XNNPACK and in Dukhan &amp; Ablavatski, "The Two-Pass
 * Softmax Algorithm" (arXiv 2001.04438, §2 and §4):
 * <pre>
 *   e^x = m · 2^n,   n = rint(x · log2 e),   t = x − n·ln2,   m = p(t) ≈ e^t,   |t| ≤ ln2/2,  m ∈ [0.707, 1.414]
 * </pre>
 * <ul>
 *   <li>{@code t} by Cody–Waite range reduction with two FMAs: ln 2 is split into {@link #LN2_HI}, which has few
 *       significant bits, and a small correction {@link #LN2_LO}. Without FMA the reduction lost about 9 bits near
 *       |x| = 1e4 (4e-5 relative error against 6e-8 with it; see the spec's errata).
 *   <li>{@code p} is XNNPACK's degree-5 minimax polynomial "p5",
 *       {@code 1 + t(c1 + t(c2 + t(c3 + t(c4 + t c5))))}, accurate to 1.5e-7 relative on |t| ≤ ln2/2 (its error
 *       grows fast outside: 1e-5 at |t| = 0.5).
 *   <li>{@code 2^n} is built from exponent bits: {@code (n + 127) << 23} reinterpreted as a float.
 * </ul>
 * {@link #exp(FloatVector)} uses the pair for {@code e^x}; {@link #exponent} and {@link #mantissa} give the pair
 * itself, which {@link TwoPassSoftmax} keeps apart so that nothing overflows. Each vector method has a scalar twin
 * that performs the same float operations, so loop tails round exactly like loop bodies. The float64 twin of the
 * split is {@link io.github.softmaxlab.kernel.reference.TwoPassSoftmaxReference}.
 *
 * <p>How the kernels use it. A vector passed to or returned from a method that C2 declines to inline is boxed on
 * the heap, and in some runs that made kernels 3× slower; so no hot loop calls these methods. {@link TwoPassSoftmax}
 * writes the same split with vector operations in its loops (and uses the scalar twins in its tails); the
 * three-pass and online kernels, which need plain {@code e^x}, use the JDK's {@code lanewise(EXP)} (the SVML
 * routine on x86: 6e-8 relative error, as fast as p5 here). Measured accuracy of {@link #exp(FloatVector)}: see
 * {@code VectorExpTest}.
 */
public final class VectorExp {

    /** Lane layout used by every kernel in this package. */
    public static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    /** log2(e) rounded to float. */
    public static final float LOG2E = 0x1.715476p+0f;
    /** High part of ln 2 for Cody–Waite reduction: few significant bits, so {@code n·LN2_HI} is nearly exact. */
    public static final float LN2_HI = 0x1.62E43p-1f;
    /** Low part of ln 2: {@code LN2_HI + LN2_LO} is ln 2 to about 2^-50. */
    public static final float LN2_LO = -0x1.05C61p-29f;
    /** Coefficients c1..c5 of XNNPACK's p5 polynomial (spec §2b). */
    public static final float C1 = 0x1.FFFFF6p-1f;
    public static final float C2 = 0x1.FFFDC6p-2f;
    public static final float C3 = 0x1.555A80p-3f;
    public static final float C4 = 0x1.573A1Ap-5f;
    public static final float C5 = 0x1.0F9F9Cp-7f;
    /**
     * Adding 1.5·2^23 to a float of magnitude below 2^22 leaves no fraction bits, so the addition rounds it to the
     * nearest integer (ties to even); subtracting it again gives {@code rint}.
     */
    public static final float ROUNDER = 0x1.8p23f;
    /**
     * {@link #exponent} clamps x to ±this, so that {@code |n| ≤ 2^22} where {@link #ROUNDER} works. Beyond it the
     * split is not exact in float32 anyway: see {@link TwoPassSoftmax} for what the kernel does there.
     */
    public static final float SPLIT_LIMIT = 2.9e6f;
    /**
     * {@link #exp(FloatVector)} clamps x to [{@code EXP_MIN}, {@code EXP_MAX}]: below, e^x is under half the
     * smallest subnormal float and rounds to 0 (so −∞ gives 0); above, it is over Float.MAX_VALUE and gives +∞.
     */
    public static final float EXP_MIN = -105f;
    public static final float EXP_MAX = 89f;

    private VectorExp() {
    }

    /**
     * {@code e^x} per lane, over the whole float range: 0 for x ≤ −104 and for −∞ (subnormal results in between
     * are rounded once, as {@code Math.exp} would be), +∞ above 88.72, NaN for NaN. Measured worst relative error
     * against {@link Math#exp} over the normal range: see {@code VectorExpTest} (about 1.5e-7, 2 ulp).
     *
     * <p>The scale {@code 2^n} is applied in two halves, {@code 2^{n − ⌊n/2⌋} · 2^{⌊n/2⌋}}, so both stay normal
     * floats for n in [−152, 128]: that handles overflow, gradual underflow and −∞ without a compare or blend.
     */
    public static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(EXP_MIN).min(EXP_MAX);
        FloatVector n = nearestExponent(xc);
        IntVector ni = (IntVector) n.convert(VectorOperators.F2I, 0);
        IntVector half = ni.lanewise(VectorOperators.ASHR, 1);
        return p5(xc, n).mul(bitsToPow2(ni.sub(half))).mul(bitsToPow2(half));
    }

    /** Scalar twin of {@link #exp(FloatVector)}: the same float operations, for loop tails. */
    public static float exp(float x) {
        float xc = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
        float n = nearestExponent(xc);
        int half = (int) n >> 1;
        return p5(xc, n) * Float.intBitsToFloat(((int) n - half + 127) << 23)
                * Float.intBitsToFloat((half + 127) << 23);
    }

    /**
     * {@code n = rint(x · log2 e)} per lane, as floats, with x clamped to ±{@link #SPLIT_LIMIT} so that n is an
     * integer in [−2^22, 2^22] for any input, ±∞ included.
     */
    public static FloatVector exponent(FloatVector x) {
        return nearestExponent(x.max(-SPLIT_LIMIT).min(SPLIT_LIMIT));
    }

    /** Scalar twin of {@link #exponent(FloatVector)}. */
    public static float exponent(float x) {
        return nearestExponent(Math.min(Math.max(x, -SPLIT_LIMIT), SPLIT_LIMIT));
    }

    /**
     * {@code m = p(t)}, {@code t = x − n·ln2} by Cody–Waite reduction, so that {@code e^x = m · 2^n} for
     * {@code n = exponent(x)}. x is clamped like {@link #exponent}, which keeps m finite for any input; within
     * ±{@link #SPLIT_LIMIT} m is in [0.707, 1.414] up to rounding. Accuracy: 1.5e-7 relative while |x| ≲ 1e4; the
     * float rounding of x·log2 e lets |t| exceed ln2/2 a little for larger |x|, where p5's error grows (about
     * 3e-7 at |x| = 7e5, 1e-6 at the clamp).
     */
    public static FloatVector mantissa(FloatVector x, FloatVector n) {
        return p5(x.max(-SPLIT_LIMIT).min(SPLIT_LIMIT), n);
    }

    /** Scalar twin of {@link #mantissa(FloatVector, FloatVector)}. */
    public static float mantissa(float x, float n) {
        return p5(Math.min(Math.max(x, -SPLIT_LIMIT), SPLIT_LIMIT), n);
    }

    /** {@code rint(x · log2 e)} for |x · log2 e| < 2^22; one FMA, so the product is not rounded first. */
    private static FloatVector nearestExponent(FloatVector x) {
        return x.fma(x.broadcast(LOG2E), x.broadcast(ROUNDER)).sub(ROUNDER);
    }

    private static float nearestExponent(float x) {
        return Math.fma(x, LOG2E, ROUNDER) - ROUNDER;
    }

    /** Cody–Waite reduction {@code t = x − n·ln2} (two FMAs), then {@code p5(t)}. */
    private static FloatVector p5(FloatVector x, FloatVector n) {
        FloatVector t = n.fma(x.broadcast(-LN2_LO), n.fma(x.broadcast(-LN2_HI), x));
        FloatVector p = t.fma(x.broadcast(C5), x.broadcast(C4));
        p = p.fma(t, x.broadcast(C3));
        p = p.fma(t, x.broadcast(C2));
        p = p.fma(t, x.broadcast(C1));
        return p.fma(t, x.broadcast(1f));
    }

    private static float p5(float x, float n) {
        float t = Math.fma(n, -LN2_LO, Math.fma(n, -LN2_HI, x));
        float p = Math.fma(t, C5, C4);
        p = Math.fma(p, t, C3);
        p = Math.fma(p, t, C2);
        p = Math.fma(p, t, C1);
        return Math.fma(p, t, 1f);
    }

    /** The float {@code 2^k} for an int k in [−126, 127]. */
    private static FloatVector bitsToPow2(IntVector k) {
        return (FloatVector) k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }

    /**
     * {@code 2^k} per lane for integral {@code k ≤ 127}, from the exponent bits; 0 for {@code k < −126} (and −∞).
     * Results below the smallest normal float are flushed to 0: in the two-pass softmax they are probabilities
     * under 1.2e-38.
     */
    public static FloatVector pow2(FloatVector k) {
        return bitsToPow2((IntVector) k.max(-127f).convert(VectorOperators.F2I, 0));
    }

    /** Scalar twin of {@link #pow2(FloatVector)}. */
    public static float pow2(float k) {
        return Float.intBitsToFloat(((int) Math.max(k, -127f) + 127) << 23);
    }
}
