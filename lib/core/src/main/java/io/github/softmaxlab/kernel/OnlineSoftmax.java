package io.github.softmaxlab.kernel;

import static io.github.softmaxlab.kernel.VectorExp.SPECIES;
import static jdk.incubator.vector.VectorOperators.EXP;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The online normalizer of Milakov &amp; Gimelshein ("Online normalizer calculation for softmax", arXiv 1805.02867,
 * Algorithm 3): one pass over the row computes both the maximum m and the normalizer d,
 * <pre>
 *   m_j = max(m_{j−1}, x_j),   d_j = d_{j−1} · e^{m_{j−1} − m_j} + e^{x_j − m_j},
 * </pre>
 * and a second pass writes {@code y_i = e^{x_i − m}/d}: 2 reads and 1 write per element, against 3 and 1 for the
 * safe three-pass softmax. Partial results are {@link State}s, merged by the associative operator ⊕ of the paper's
 * §3.1, so a row can be cut into chunks and reduced in any tree order (here: one state per vector lane, folded per
 * block of {@value SoftmaxKernel#BLOCK} elements into a double state).
 *
 * <p>{@link #topK} is the paper's fused softmax + top-k (Algorithm 4): the same single pass also keeps the k
 * largest raw values, so only those k probabilities are ever computed.
 */
public final class OnlineSoftmax {

    private OnlineSoftmax() {
    }

    /**
     * A partial normalizer: the maximum m of the entries seen, and {@code d = Σ e^{x − m}} over them.
     *
     * @param max the running maximum, −∞ for no entries
     * @param sum the running normalizer relative to {@code max}, 0 for no entries
     */
    public record State(double max, double sum) {

        /** The neutral element (−∞, 0): merging it changes nothing. */
        public static final State IDENTITY = new State(Double.NEGATIVE_INFINITY, 0);

        /** The state of a single entry x: (x, 1), or the identity for x = −∞. */
        public static State of(double x) {
            return x == Double.NEGATIVE_INFINITY ? IDENTITY : new State(x, 1);
        }

        /**
         * {@code (m_a, d_a) ⊕ (m_b, d_b) = (M, d_a e^{m_a − M} + d_b e^{m_b − M})} with {@code M = max(m_a, m_b)},
         * computed with one exponential as {@code d_big + d_small · e^{m_small − m_big}}. Two identity states give
         * the identity rather than {@code e^{−∞ − (−∞)} = NaN}.
         */
        public State merge(State other) {
            State big = max >= other.max ? this : other;
            State small = big == this ? other : this;
            if (small.max == Double.NEGATIVE_INFINITY) {
                return big;
            }
            return new State(big.max, big.sum + small.sum * Math.exp(small.max - big.max));
        }

        /** {@code log d + m}: the log-sum-exp of the entries seen. */
        public double logSumExp() {
            return max + Math.log(sum);
        }
    }

    /** The state of {@code x[off .. off+n)} in one pass. */
    public static State reduce(float[] x, int off, int n) {
        return reduce(x, off, n, null);
    }

    /** One pass: the normalizer state, and, if {@code top} is given, the entries worth keeping offered to it. */
    private static State reduce(float[] x, int off, int n, TopK.Builder top) {
        State state = State.IDENTITY;
        int bound = SPECIES.loopBound(n);
        int i = 0;
        while (i < bound) {
            int blockEnd = Math.min(bound, i + SoftmaxKernel.BLOCK);
            FloatVector m = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
            FloatVector d = FloatVector.zero(SPECIES);
            for (; i < blockEnd; i += SPECIES.length()) {
                FloatVector v = FloatVector.fromArray(SPECIES, x, off + i);
                FloatVector newM = m.max(v);
                // Subtract a finite reference: where everything so far is −∞, −∞ − (−∞) would be NaN.
                FloatVector ref = newM.blend(0f, newM.eq(Float.NEGATIVE_INFINITY));
                d = d.mul(m.sub(ref).lanewise(EXP)).add(v.sub(ref).lanewise(EXP));
                m = newM;
                if (top != null) {
                    // One compare skips the buffer for almost every vector. Only the lane bits leave this
                    // method: passing the vector itself to a call that is not inlined would box it.
                    long better = v.compare(VectorOperators.GE, top.threshold()).toLong();
                    if (better != 0) {
                        offerLanes(top, better, x, off, i);
                    }
                }
            }
            state = state.merge(lanes(m, d));
        }
        for (; i < n; i++) {
            state = state.merge(State.of(x[off + i]));
            if (top != null) {
                top.offer(x[off + i], i);
            }
        }
        return state;
    }

    /** Offers the entries {@code i + lane} for each set bit of {@code lanes}. */
    private static void offerLanes(TopK.Builder top, long lanes, float[] x, int off, int i) {
        for (long bits = lanes; bits != 0; bits &= bits - 1) {
            int lane = Long.numberOfTrailingZeros(bits);
            top.offer(x[off + i + lane], i + lane);
        }
    }

    /** Folds the per-lane states of one block into a single state. */
    private static State lanes(FloatVector m, FloatVector d) {
        float blockMax = m.reduceLanes(VectorOperators.MAX);
        if (blockMax == Float.NEGATIVE_INFINITY) {
            return State.IDENTITY;
        }
        float sum = d.mul(m.sub(blockMax).lanewise(EXP)).reduceLanes(VectorOperators.ADD);
        return new State(blockMax, sum);
    }

    /** {@code y = softmax(x)} with the normalizer from {@link #reduce}; zeros if the row is empty or all −∞. */
    public static void softmax(float[] x, int xOff, float[] y, int yOff, int n) {
        State s = reduce(x, xOff, n);
        if (s.max() == Double.NEGATIVE_INFINITY) {
            Arrays.fill(y, yOff, yOff + n, 0f);
            return;
        }
        SoftmaxKernel.scaleExp(x, xOff, y, yOff, n, (float) s.max(), (float) (1.0 / s.sum()));
    }

    /**
     * Fused online softmax + top-k in one pass over the row (Milakov &amp; Gimelshein, Algorithm 4).
     *
     * @return the k most probable entries, most probable first, ties broken by the lower index
     * @throws IllegalArgumentException if k is not in [0, n]
     */
    public static TopK topK(float[] x, int off, int n, int k) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("k must be in [0, n = " + n + "], got " + k);
        }
        TopK.Builder top = new TopK.Builder(k);
        State state = reduce(x, off, n, top);
        return top.build(state);
    }
}
