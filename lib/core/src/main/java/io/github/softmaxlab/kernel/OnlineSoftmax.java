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
 * largest raw values, so only those k probabilities are ever computed. {@link #reduceTopK} does that pass over one
 * chunk of a row; the {@link TopKState}s of the chunks merge in any tree order, like the (m, d) states.
 *
 * <p>Exponentials are the JDK's {@code lanewise(EXP)}, written in the loops (see {@link VectorExp} for why).
 * The float64 twin is {@link io.github.softmaxlab.kernel.reference.OnlineSoftmaxReference}.
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
        return reduce(x, off, n, null, 0);
    }

    /**
     * One pass: the normalizer state, and, if {@code top} is given, the entries worth keeping offered to it under
     * their index in the row ({@code firstIndex + i}). Block by block in a short method, which C2 compiles whole
     * rather than on the stack (an on-stack compilation of a long loop was sometimes 3× slower).
     */
    private static State reduce(float[] x, int off, int n, TopK.Builder top, int firstIndex) {
        State state = State.IDENTITY;
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < bound; i += SoftmaxKernel.BLOCK) {
            state = state.merge(reduceBlock(x, off + i, Math.min(SoftmaxKernel.BLOCK, bound - i), top, firstIndex + i));
        }
        for (int i = bound; i < n; i++) {
            state = state.merge(State.of(x[off + i]));
            if (top != null) {
                top.offer(x[off + i], firstIndex + i);
            }
        }
        return state;
    }

    /** {@link #reduce} over one block, len a multiple of the vector length: one (m, d) per lane, folded at the end. */
    private static State reduceBlock(float[] x, int off, int len, TopK.Builder top, int firstIndex) {
        FloatVector m = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        FloatVector d = FloatVector.zero(SPECIES);
        for (int i = 0; i < len; i += SPECIES.length()) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, off + i);
            // The rescale d·e^{m_old − m_new} is 1 unless some lane's maximum grew, which after the first few
            // vectors of a row is rare: skipping it then halves the exponentials. Same recurrence, same result.
            if (v.compare(VectorOperators.GT, m).anyTrue()) {
                FloatVector newM = m.max(v);
                // Subtract a finite reference: where everything so far is −∞, −∞ − (−∞) would be NaN.
                d = d.mul(m.sub(newM.blend(0f, newM.eq(Float.NEGATIVE_INFINITY))).lanewise(EXP));
                m = newM;
            }
            d = d.add(v.sub(m.blend(0f, m.eq(Float.NEGATIVE_INFINITY))).lanewise(EXP));
            if (top != null) {
                // One compare skips the buffer for almost every vector. Only the lane bits leave this
                // method: passing the vector itself to a call that is not inlined would box it.
                long better = v.compare(VectorOperators.GE, top.threshold()).toLong();
                if (better != 0) {
                    offerLanes(top, better, x, off + i, firstIndex + i);
                }
            }
        }
        return lanes(m, d);
    }

    /** Offers entry {@code x[off + lane]} as row index {@code index + lane}, for each set bit of {@code lanes}. */
    private static void offerLanes(TopK.Builder top, long lanes, float[] x, int off, int index) {
        for (long bits = lanes; bits != 0; bits &= bits - 1) {
            int lane = Long.numberOfTrailingZeros(bits);
            top.offer(x[off + lane], index + lane);
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
        return reduceTopK(x, off, n, k, 0).result();
    }

    /**
     * The fused pass over one chunk {@code x[off .. off+n)} of a longer row whose first entry here has row index
     * {@code firstIndex}. Chunk states merge with {@link TopKState#merge} in any tree order.
     *
     * @throws IllegalArgumentException if k is negative
     */
    public static TopKState reduceTopK(float[] x, int off, int n, int k, int firstIndex) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        TopK.Builder best = new TopK.Builder(k);
        State state = reduce(x, off, n, best, firstIndex);
        return new TopKState(state, best);
    }

    /**
     * A partial fused softmax + top-k: the normalizer state (m, d) and the k largest raw entries seen, with their
     * row indices. Like {@link State} it forms a commutative monoid: {@link #empty} is neutral and {@link #merge} is
     * associative, so a row cut into chunks can be reduced in any tree order (the paper merges buffers by inserting
     * one into the other).
     */
    public static final class TopKState {
        private final State normalizer;
        private final TopK.Builder best;

        private TopKState(State normalizer, TopK.Builder best) {
            this.normalizer = normalizer;
            this.best = best;
        }

        /** The state of no entries, keeping up to k. */
        public static TopKState empty(int k) {
            return new TopKState(State.IDENTITY, new TopK.Builder(k));
        }

        /** (m, d) of the entries seen. */
        public State normalizer() {
            return normalizer;
        }

        /** How many entries this state keeps. */
        public int k() {
            return best.capacity();
        }

        /** The state of both chunks; neither operand changes. */
        public TopKState merge(TopKState other) {
            if (other.k() != k()) {
                throw new IllegalArgumentException("cannot merge top-" + k() + " with top-" + other.k());
            }
            TopK.Builder merged = best.copy();
            merged.merge(other.best);
            return new TopKState(normalizer.merge(other.normalizer), merged);
        }

        /**
         * The k most probable entries of the whole row, {@code v_j = e^{u_j − m}/d}. The row must have at least k
         * entries; if fewer than k are finite, the rest are filled as {@link TopK.Builder#build} says.
         */
        public TopK result() {
            return best.build(normalizer);
        }
    }
}
