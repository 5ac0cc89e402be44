package io.github.softmaxlab.kernel;

import static io.github.softmaxlab.kernel.VectorExp.SPECIES;
import static jdk.incubator.vector.VectorOperators.F2I;
import static jdk.incubator.vector.VectorOperators.LSHL;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;

/**
 * The two-pass softmax of Dukhan &amp; Ablavatski ("The Two-Pass Softmax Algorithm", arXiv 2001.04438, Algorithm
 * 3). Each {@code e^{x_i}} is carried as a pair {@code (m_i, n_i)} with {@code e^{x_i} = m_i · 2^{n_i}} (the split
 * of {@link VectorExp#exponent} and {@link VectorExp#mantissa}: Cody–Waite reduction and the p5 polynomial), so no
 * maximum is needed beforehand and nothing can overflow:
 * <ul>
 *   <li>pass 1 accumulates {@code (M, E)} from {@code (0, −∞)} by
 *       {@code E' = max(E, n_i)}, {@code M ← M·2^{E−E'} + m_i·2^{n_i−E'}}, {@code E ← E'};
 *       one accumulator per vector lane, merged at the end by the same (associative) rule;
 *   <li>pass 2 recomputes {@code (m_i, n_i)} and writes {@code y_i = m_i · (1/M) · 2^{n_i − E}}.
 * </ul>
 * 2 reads and 1 write per element (12 bytes), against 16 for the three-pass recompute form. Every scale factor is
 * {@code 2^{≤0}}, and {@code M ≥ 0.7} (it holds the largest element's mantissa), so {@code 1/M} is safe. Powers of
 * two below the smallest normal float flush to 0: those probabilities are under 1.2e-38.
 *
 * <p>The loops write the split out with vector operations instead of calling {@link VectorExp}: a vector passed
 * to or returned from a method that C2 declines to inline is boxed on the heap, and that made the kernel 3× slower
 * in some runs. Each pass works block by block in a short method, which C2 compiles whole rather than on the stack.
 */
public final class TwoPassSoftmax {

    private static final float NEG_INF = Float.NEGATIVE_INFINITY;
    private static final float SUM_FLUSH = -100f;
    private static final float OUTPUT_FLUSH = -124f;

    /**
     * Largest |E| for which pass 2 runs: 2^20, i.e. a row maximum within about ±7.3e5. Up to there the float32
     * split keeps |t| ≤ 0.36 and m accurate to 3e-7 (the rounding of log2 e lets t stray past ln2/2 as |x| grows,
     * where p5 loses accuracy); beyond, {@link #softmax} uses the three-pass kernel.
     */
    public static final double EXACT_EXPONENT = 0x1p20;

    // VectorExp's constants as vectors, for the loops.
    private static final FloatVector LOG2E = FloatVector.broadcast(SPECIES, VectorExp.LOG2E);
    private static final FloatVector ROUNDER = FloatVector.broadcast(SPECIES, VectorExp.ROUNDER);
    private static final FloatVector MINUS_LN2_HI = FloatVector.broadcast(SPECIES, -VectorExp.LN2_HI);
    private static final FloatVector MINUS_LN2_LO = FloatVector.broadcast(SPECIES, -VectorExp.LN2_LO);
    private static final FloatVector C1 = FloatVector.broadcast(SPECIES, VectorExp.C1);
    private static final FloatVector C2 = FloatVector.broadcast(SPECIES, VectorExp.C2);
    private static final FloatVector C3 = FloatVector.broadcast(SPECIES, VectorExp.C3);
    private static final FloatVector C4 = FloatVector.broadcast(SPECIES, VectorExp.C4);
    private static final FloatVector C5 = FloatVector.broadcast(SPECIES, VectorExp.C5);
    private static final FloatVector ONE = FloatVector.broadcast(SPECIES, 1f);

    private TwoPassSoftmax() {
    }

    /**
     * An extended-exponent sum {@code M · 2^E}.
     *
     * @param mantissa M, in [0.7, 1.42·count] for a non-empty sum, 0 for an empty one
     * @param exponent E, −∞ for an empty sum
     */
    public record ExtSum(double mantissa, double exponent) {

        /** The empty sum (0, −∞), neutral for {@link #merge}. */
        public static final ExtSum EMPTY = new ExtSum(0, Double.NEGATIVE_INFINITY);

        /** {@code (M_a, E_a) ⊕ (M_b, E_b) = (M_a 2^{E_a−E} + M_b 2^{E_b−E}, E)} with {@code E = max(E_a, E_b)}. */
        public ExtSum merge(ExtSum other) {
            if (other.exponent == Double.NEGATIVE_INFINITY) {
                return this;
            }
            if (exponent == Double.NEGATIVE_INFINITY) {
                return other;
            }
            double e = Math.max(exponent, other.exponent);
            return new ExtSum(Math.scalb(mantissa, (int) Math.max(exponent - e, -2000))
                    + Math.scalb(other.mantissa, (int) Math.max(other.exponent - e, -2000)), e);
        }

        /** The sum as a double (may overflow to ∞ or underflow to 0: the point of the pair is not to). */
        public double value() {
            return mantissa * Math.pow(2, exponent);
        }

        /** {@code log(M · 2^E) = log M + E·ln 2}: the log-sum-exp of the entries, −∞ for the empty sum. */
        public double log() {
            return Math.log(mantissa) + exponent * Math.log(2);
        }
    }

    /**
     * Pass 1: {@code Σ e^{x_i}} as an extended-exponent pair. The lane accumulators are folded into a double pair
     * every {@value SoftmaxKernel#BLOCK} elements (the paper's "several accumulators"), so float rounding in M does
     * not grow with the row: a single float M per lane over 10^6 elements drifted by 3e-5.
     *
     * <p>Accurate to float rounding while the row maximum is within about ±7e5 (see {@link #EXACT_EXPONENT});
     * beyond, M and E are finite but float32 cannot reduce x exactly.
     */
    public static ExtSum sum(float[] x, int off, int n) {
        ExtSum total = ExtSum.EMPTY;
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < bound; i += SoftmaxKernel.BLOCK) {
            total = total.merge(sumBlock(x, off + i, Math.min(SoftmaxKernel.BLOCK, bound - i)));
        }
        for (int i = bound; i < n; i++) {
            float v = x[off + i];
            if (v != NEG_INF) {
                float ni = VectorExp.exponent(v);
                total = total.merge(new ExtSum(VectorExp.mantissa(v, ni), ni));
            }
        }
        return total;
    }

    /** Pass 1 over {@code x[off .. off+len)}, len a multiple of the vector length. */
    private static ExtSum sumBlock(float[] x, int off, int len) {
        FloatVector accM = FloatVector.zero(SPECIES);
        FloatVector accE = FloatVector.broadcast(SPECIES, NEG_INF);
        for (int i = 0; i < len; i += SPECIES.length()) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, off + i);
            FloatVector xc = v.max(-VectorExp.SPLIT_LIMIT).min(VectorExp.SPLIT_LIMIT);
            FloatVector nv = xc.fma(LOG2E, ROUNDER).sub(ROUNDER);
            FloatVector t = nv.fma(MINUS_LN2_LO, nv.fma(MINUS_LN2_HI, xc));
            // The spec's "skip −∞": its clamped n is finite, so only m needs zeroing.
            FloatVector m = t.fma(C5, C4).fma(t, C3).fma(t, C2).fma(t, C1).fma(t, ONE).blend(0f, v.eq(NEG_INF));
            FloatVector e = accE.max(nv);
            FloatVector scaleAcc = ((IntVector) flushBelow(accE.sub(e), SUM_FLUSH).convert(F2I, 0)).add(127)
                    .lanewise(LSHL, 23)
                    .reinterpretAsFloats();
            FloatVector scaleNew = ((IntVector) flushBelow(nv.sub(e), SUM_FLUSH).convert(F2I, 0)).add(127)
                    .lanewise(LSHL, 23)
                    .reinterpretAsFloats();
            accM = m.fma(scaleNew, accM.mul(scaleAcc));
            accE = e;
        }
        // Store the lanes rather than call lane(i): with a variable i that expands into a 16-way switch per call.
        float[] laneM = accM.toArray();
        float[] laneE = accE.toArray();
        ExtSum total = ExtSum.EMPTY;
        for (int lane = 0; lane < laneM.length; lane++) {
            if (laneM[lane] > 0) {
                total = total.merge(new ExtSum(laneM[lane], laneE[lane]));
            }
        }
        return total;
    }

    /**
     * {@code y = softmax(x)} in two passes; zeros if the row is empty or all −∞. An entry of −∞ needs no test in
     * pass 2: its clamped exponent lies so far below E that {@code 2^{n_i − E}} is exactly 0.
     *
     * <p>Rows whose maximum lies beyond about ±7e5 ({@code |E| > }{@link #EXACT_EXPONENT}) go to the three-pass
     * {@link SoftmaxKernel#softmax} instead: float32 cannot carry the reduction {@code x − n·ln2} of such x, while
     * {@code x − max} is still exact.
     */
    public static void softmax(float[] x, int xOff, float[] y, int yOff, int n) {
        ExtSum s = sum(x, xOff, n);
        if (s.exponent() == Double.NEGATIVE_INFINITY) {
            Arrays.fill(y, yOff, yOff + n, 0f);
            return;
        }
        if (Math.abs(s.exponent()) > EXACT_EXPONENT) {
            SoftmaxKernel.softmax(x, xOff, y, yOff, n);
            return;
        }
        float inv = (float) (1.0 / s.mantissa());
        float e = (float) s.exponent();
        // 1/M = invMantissa · 2^invExponent with invMantissa in [1, 2): folding the power of two into the exponent
        // makes the exponent of each output known in advance, so outputs that would be subnormal can be flushed.
        int invExponent = Math.getExponent(inv);
        float invMantissa = Math.scalb(inv, -invExponent);
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < bound; i += SoftmaxKernel.BLOCK) {
            scaleBlock(x, xOff + i, y, yOff + i, Math.min(SoftmaxKernel.BLOCK, bound - i), invMantissa,
                    e - invExponent);
        }
        for (int i = bound; i < n; i++) {
            float v = x[xOff + i];
            float ni = VectorExp.exponent(v);
            y[yOff + i] = VectorExp.mantissa(v, ni) * inv * VectorExp.pow2(ni - e);
        }
    }

    /** Pass 2 over one block: {@code y = m · inv · 2^{n − e}}, recomputing (m, n) from x. */
    private static void scaleBlock(float[] x, int xOff, float[] y, int yOff, int len, float inv, float e) {
        for (int i = 0; i < len; i += SPECIES.length()) {
            FloatVector xc = FloatVector.fromArray(SPECIES, x, xOff + i)
                    .max(-VectorExp.SPLIT_LIMIT).min(VectorExp.SPLIT_LIMIT);
            FloatVector nv = xc.fma(LOG2E, ROUNDER).sub(ROUNDER);
            FloatVector t = nv.fma(MINUS_LN2_LO, nv.fma(MINUS_LN2_HI, xc));
            FloatVector m = t.fma(C5, C4).fma(t, C3).fma(t, C2).fma(t, C1).fma(t, ONE);
            FloatVector scale = ((IntVector) flushBelow(nv.sub(e), OUTPUT_FLUSH).convert(F2I, 0)).add(127)
                    .lanewise(LSHL, 23)
                    .reinterpretAsFloats();
            m.mul(inv).mul(scale).intoArray(y, yOff + i);
        }
    }

    /**
     * Exponents below {@code limit} become −127, whose bit pattern is the float 0. This keeps every product
     * m·2^k out of the subnormal range, where x86 takes a microcode assist per instruction: with about 1% of lanes
     * subnormal, whole rows ran 4× slower. In pass 1 ({@link #SUM_FLUSH}) the dropped terms are below 2^−98,
     * negligible next to M ≥ 1/e; in pass 2 ({@link #OUTPUT_FLUSH}) the flushed outputs are below 2^−121 ≈ 4e-37,
     * where float32 has lost precision anyway. (Small enough for C2 to inline at every call.)
     */
    private static FloatVector flushBelow(FloatVector k, float limit) {
        return k.blend(-127f, k.lt(limit));
    }
}
