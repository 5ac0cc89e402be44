package io.github.softmaxlab.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorised {@code exp} for float32 lanes, the building block of every softmax kernel here.
 *
 * <p>The kernels' vector exponential is the JDK's {@code lanewise(VectorOperators.EXP)}, which HotSpot compiles to
 * the SVML vector exp on x86 (measured here: at most 6e-8 relative error over [−87, 88], 4× faster than a
 * polynomial written with the Vector API). The kernels call it directly inside their loops rather than through a
 * helper: C2 does not reliably inline helpers that take and return vectors (it refuses once a helper has been
 * compiled on its own into a large method), and a vector that crosses a call that is not inlined gets boxed — a
 * 3-10× slowdown that appeared or not from one JVM run to the next. The scalar {@link #exponent} and {@link #mantissa} split
 * {@code e^x = m · 2^n} for the two-pass softmax (Dukhan &amp; Ablavatski, arXiv 2001.04438, §3), which must handle
 * x far outside the float exp range:
 * <ul>
 *   <li>{@code n = rint(x · log2 e)},
 *   <li>{@code t = x − n·ln2}, by Cody–Waite range reduction with two FMAs
 *       ({@code ln2_hi = 0x1.62E43p-1}, {@code ln2_lo = −0x1.05C61p-29}), so {@code |t| ≤ ln2/2},
 *   <li>{@code m = e^t ∈ [0.707, 1.414]} (slightly wider in float: see {@link #T_LIMIT}).
 * </ul>
 * Why FMA: without it the reduction loses about 9 bits for |x| near 1e4 (4e-5 relative error against 6e-8 with
 * it, measured for the spec's errata). Why the clamp on t: for |x| beyond float precision (above about 1e7)
 * {@code x − n·ln2} is only known to within ulp(x); clamping t keeps m in range, so results stay finite and exact to
 * float precision (equal inputs still give equal outputs). {@link TwoPassSoftmax} writes the same steps with vector
 * operations directly in its loops.
 */
public final class VectorExp {

    /** Lane layout used by every kernel in this package. */
    public static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    /** log2(e), and ln 2 split in a high part with few mantissa bits and a low part (Cody–Waite). */
    public static final float LOG2E = 0x1.715476p+0f;
    public static final float LN2_HI = 0x1.62E43p-1f;
    public static final float LN2_LO = -0x1.05C61p-29f;
    /** Adding and subtracting 1.5·2^23 rounds a float below 2^22 to the nearest integer. */
    public static final float ROUNDER = 0x1.8p23f;
    /**
     * Clamp for the reduced argument t. In exact arithmetic |t| ≤ ln2/2, but n comes from a float product
     * x·log2 e whose rounding grows with |x| (about 4e-5 at |x| = 1000, 0.04 at 10^6), so t may exceed ln2/2 a
     * little and must not be clipped there (that was a 2e-5 error at x ≈ 946). Clamping at 1 keeps m in
     * [1/e, e], bounded for any x, while being exact wherever |x| is below about 10^7.
     */
    public static final float T_LIMIT = 1f;

    private VectorExp() {
    }

    /** {@code e^x} for loop tails: {@link Math#exp}, rounded to float, as accurate as the vector exp. */
    public static float exp(float x) {
        return (float) Math.exp(x);
    }

    /** {@code n = rint(x · log2 e)}, clamped so that |x| near Float.MAX_VALUE does not overflow. */
    public static float exponent(float x) {
        float v = Math.min(Math.max(x * LOG2E, -Float.MAX_VALUE), Float.MAX_VALUE);
        return Math.abs(v) >= 0x1p22f ? v : (v + ROUNDER) - ROUNDER;
    }

    /** {@code m = e^t}, {@code t = x − n·ln2} by Cody–Waite reduction with FMAs, so {@code e^x = m · 2^n}. */
    public static float mantissa(float x, float n) {
        float t = Math.fma(n, -LN2_HI, x);
        return (float) Math.exp(Math.min(Math.max(Math.fma(n, -LN2_LO, t), -T_LIMIT), T_LIMIT));
    }
}
