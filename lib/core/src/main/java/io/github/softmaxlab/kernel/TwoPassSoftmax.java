package io.github.softmaxlab.kernel;

import static io.github.softmaxlab.kernel.VectorExp.SPECIES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import static jdk.incubator.vector.VectorOperators.EXP;
import static jdk.incubator.vector.VectorOperators.F2I;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.LSHL;

/**
 * The two-pass softmax of Dukhan &amp; Ablavatski ("The Two-Pass Softmax Algorithm", arXiv 2001.04438, Algorithm
 * 3). Each {@code e^{x_i}} is carried as a pair {@code (m_i, n_i)} with {@code e^{x_i} = m_i · 2^{n_i}} (see
 * {@link VectorExp}), so no maximum is needed beforehand and nothing can overflow:
 * <ul>
 *   <li>pass 1 accumulates {@code (M, E)} from {@code (0, −∞)} by
 *       {@code E' = max(E, n_i)}, {@code M ← M·2^{E−E'} + m_i·2^{n_i−E'}}, {@code E ← E'};
 *       one accumulator per vector lane, merged at the end by the same (associative) rule;
 *   <li>pass 2 recomputes {@code (m_i, n_i)} and writes {@code y_i = m_i · (1/M) · 2^{n_i − E}}.
 * </ul>
 * 2 reads and 1 write per element (12 bytes), against 16 for the three-pass recompute form. Every scale factor is
 * {@code 2^{≤0}}, and {@code M ≥ 1/e} (the largest element's mantissa; 0.7 in exact arithmetic), so {@code 1/M} is
 * safe. Powers of two below
 * the smallest normal float flush to 0, as the true probabilities underflow too.
 */
public final class TwoPassSoftmax {

    private static final float NEG_INF = Float.NEGATIVE_INFINITY;

    private TwoPassSoftmax() {
    }

    /**
     * An extended-exponent sum {@code M · 2^E}.
     *
     * @param mantissa M, in [1/e, e·count] for a non-empty sum ([0.7, 1.42·count] in exact arithmetic), 0 for an
     *                 empty one
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
    }

    /**
     * Pass 1: {@code Σ e^{x_i}} as an extended-exponent pair. The lane accumulators are folded into a double pair
     * every {@value SoftmaxKernel#BLOCK} elements (the paper's "several accumulators"), so float rounding in M does
     * not grow with the row: a single float M per lane over 10^6 elements drifted by 3e-5.
     */
    public static ExtSum sum(float[] x, int off, int n) {
        ExtSum total = ExtSum.EMPTY;
        int bound = SPECIES.loopBound(n);
        // One call per block: each call is short, so the JIT compiles sumBlock as a whole method. A single loop over
        // millions of elements gets compiled on the stack instead, and those compilations were sometimes 3x slower.
        for (int i = 0; i < bound; i += SoftmaxKernel.BLOCK) {
            total = total.merge(sumBlock(x, off + i, Math.min(SoftmaxKernel.BLOCK, bound - i)));
        }
        for (int i = bound; i < n; i++) {
            if (x[off + i] != NEG_INF) {
                float ni = VectorExp.exponent(x[off + i]);
                total = total.merge(new ExtSum(VectorExp.mantissa(x[off + i], ni), ni));
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
            // (m, n) with e^v = m·2^n, written out here so C2 keeps every vector in registers (see VectorExp).
            FloatVector l = v.mul(VectorExp.LOG2E).max(-Float.MAX_VALUE).min(Float.MAX_VALUE);
            FloatVector nv = l.add(VectorExp.ROUNDER).sub(VectorExp.ROUNDER).blend(l, l.abs().compare(GE, 0x1p22f));
            FloatVector t = nv.fma(nv.broadcast(-VectorExp.LN2_LO), nv.fma(nv.broadcast(-VectorExp.LN2_HI), v));
            // −∞ entries contribute nothing; the blend skips them.
            FloatVector m = t.max(-VectorExp.T_LIMIT).min(VectorExp.T_LIMIT).lanewise(EXP).blend(0f, v.eq(NEG_INF));
            FloatVector e = accE.max(nv);
            // 2^k for integral k <= 0 from the exponent bits (0 below the smallest normal).
            FloatVector scaleAcc = ((IntVector) accE.sub(e).max(-127f).convert(F2I, 0)).add(127).lanewise(LSHL, 23)
                    .reinterpretAsFloats();
            FloatVector scaleNew = ((IntVector) nv.sub(e).max(-127f).convert(F2I, 0)).add(127).lanewise(LSHL, 23)
                    .reinterpretAsFloats();
            accM = accM.mul(scaleAcc).add(m.mul(scaleNew));
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

    /** {@code y = softmax(x)} in two passes; zeros if the row is empty or all −∞. */
    public static void softmax(float[] x, int xOff, float[] y, int yOff, int n) {
        ExtSum s = sum(x, xOff, n);
        if (s.mantissa() == 0) {
            Arrays.fill(y, yOff, yOff + n, 0f);
            return;
        }
        float inv = (float) (1.0 / s.mantissa());
        float e = (float) s.exponent();
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < bound; i += SoftmaxKernel.BLOCK) {
            scaleBlock(x, xOff + i, y, yOff + i, Math.min(SoftmaxKernel.BLOCK, bound - i), inv, e);
        }
        for (int i = bound; i < n; i++) {
            float v = x[xOff + i];
            float ni = VectorExp.exponent(v);
            y[yOff + i] = v == NEG_INF ? 0f
                    : VectorExp.mantissa(v, ni) * inv * Math.scalb(1f, (int) Math.max(ni - e, -150));
        }
    }

    /** Pass 2 over one block: {@code y = m · inv · 2^{n − e}}, recomputing (m, n) from x. */
    private static void scaleBlock(float[] x, int xOff, float[] y, int yOff, int len, float inv, float e) {
        for (int i = 0; i < len; i += SPECIES.length()) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOff + i);
            FloatVector l = v.mul(VectorExp.LOG2E).max(-Float.MAX_VALUE).min(Float.MAX_VALUE);
            FloatVector nv = l.add(VectorExp.ROUNDER).sub(VectorExp.ROUNDER).blend(l, l.abs().compare(GE, 0x1p22f));
            FloatVector t = nv.fma(nv.broadcast(-VectorExp.LN2_LO), nv.fma(nv.broadcast(-VectorExp.LN2_HI), v));
            FloatVector m = t.max(-VectorExp.T_LIMIT).min(VectorExp.T_LIMIT).lanewise(EXP).blend(0f, v.eq(NEG_INF));
            FloatVector scale = ((IntVector) nv.sub(e).max(-127f).convert(F2I, 0)).add(127).lanewise(LSHL, 23)
                    .reinterpretAsFloats();
            m.mul(inv).mul(scale).intoArray(y, yOff + i);
        }
    }
}
