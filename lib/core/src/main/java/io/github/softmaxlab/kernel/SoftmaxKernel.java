package io.github.softmaxlab.kernel;

import static io.github.softmaxlab.kernel.VectorExp.SPECIES;
import static jdk.incubator.vector.VectorOperators.EXP;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Vectorised safe softmax and its relatives on one float32 row: max, log-sum-exp, softmax, log-softmax and their
 * backward passes. Kernels trust their input (no NaN, no +∞; −∞ means "weight 0"): the public normalizers check it
 * once at the boundary.
 *
 * <p>Softmax comes in the two three-pass forms of Dukhan &amp; Ablavatski (§2), both safe (the maximum μ is
 * subtracted) and both able to run in place ({@code x == y}): {@link #softmax} ("reload", one exponential per
 * element) and {@link #softmaxRecompute} (one fewer write, two exponentials).
 *
 * <p>Accuracy: lane sums are folded into a double every {@value #BLOCK} elements, so the sum over a row of 10^6
 * entries keeps float32-level relative error (a single float accumulator drifts to about 2e-3). Each block is a
 * short method, which C2 compiles whole rather than on the stack (an on-stack compilation of a long loop was
 * sometimes 3× slower). Exponentials are the JDK's {@code lanewise(EXP)}, written in the loops (see
 * {@link VectorExp} for why); the float64 twin is {@link io.github.softmaxlab.kernel.reference.SoftmaxReference}.
 */
public final class SoftmaxKernel {

    /** Elements summed in float lanes before the partial sum is folded into a double. */
    static final int BLOCK = 1024;

    private SoftmaxKernel() {
    }

    /** Scalar twin of {@code lanewise(EXP)} for loop tails: the JDK's exp, correctly rounded to float in practice. */
    static float exp(float x) {
        return (float) Math.exp(x);
    }

    /** {@code max x[off .. off+n)}; −∞ for an empty row. */
    public static float max(float[] x, int off, int n) {
        int i = 0;
        int bound = SPECIES.loopBound(n);
        FloatVector acc = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        for (; i < bound; i += SPECIES.length()) {
            acc = acc.max(FloatVector.fromArray(SPECIES, x, off + i));
        }
        float max = acc.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }
        return max;
    }

    /** {@code Σ exp(x[i] − shift)}, accumulated in double per block. */
    public static double sumExp(float[] x, int off, int n, float shift) {
        double total = 0;
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < bound; i += BLOCK) {
            total += sumExpBlock(x, off + i, Math.min(BLOCK, bound - i), shift);
        }
        for (int i = bound; i < n; i++) {
            total += exp(x[off + i] - shift);
        }
        return total;
    }

    /** One block of {@link #sumExp}, len a multiple of the vector length: float lane sums, reduced once. */
    private static float sumExpBlock(float[] x, int off, int len, float shift) {
        FloatVector acc = FloatVector.zero(SPECIES);
        for (int i = 0; i < len; i += SPECIES.length()) {
            acc = acc.add(FloatVector.fromArray(SPECIES, x, off + i).sub(shift).lanewise(EXP));
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /** {@code log Σ exp(x)}, computed as {@code μ + log Σ exp(x − μ)}; −∞ for an empty or all −∞ row. */
    public static float logSumExp(float[] x, int off, int n) {
        float max = max(x, off, n);
        if (max == Float.NEGATIVE_INFINITY) {
            return Float.NEGATIVE_INFINITY;
        }
        return (float) (max + Math.log(sumExp(x, off, n, max)));
    }

    /**
     * {@code y = softmax(x)} over n entries, three-pass "reload" form: max; then {@code y = exp(x − μ)} stored while
     * summing; then {@code y *= 1/σ} in place. Each exponential is computed once (3 reads, 2 writes). On a CPU the
     * exponential, not memory, is the bottleneck for rows that fit in cache, so this is the fastest of the forms
     * here and the library's default. All zeros if the row is empty or all −∞.
     */
    public static void softmax(float[] x, int xOff, float[] y, int yOff, int n) {
        float max = max(x, xOff, n);
        if (max == Float.NEGATIVE_INFINITY) {
            Arrays.fill(y, yOff, yOff + n, 0f);
            return;
        }
        float inv = (float) (1.0 / storeExp(x, xOff, y, yOff, n, max));
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, y, yOff + i).mul(inv).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] *= inv;
        }
    }

    /** {@code y[i] = exp(x[i] − shift)}, returning their sum (blocked double accumulation). */
    static double storeExp(float[] x, int xOff, float[] y, int yOff, int n, float shift) {
        double total = 0;
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < bound; i += BLOCK) {
            total += storeExpBlock(x, xOff + i, y, yOff + i, Math.min(BLOCK, bound - i), shift);
        }
        for (int i = bound; i < n; i++) {
            y[yOff + i] = exp(x[xOff + i] - shift);
            total += y[yOff + i];
        }
        return total;
    }

    /** One block of {@link #storeExp}. */
    private static float storeExpBlock(float[] x, int xOff, float[] y, int yOff, int len, float shift) {
        FloatVector acc = FloatVector.zero(SPECIES);
        for (int i = 0; i < len; i += SPECIES.length()) {
            FloatVector e = FloatVector.fromArray(SPECIES, x, xOff + i).sub(shift).lanewise(EXP);
            e.intoArray(y, yOff + i);
            acc = acc.add(e);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /**
     * The three-pass "recompute" form of Dukhan &amp; Ablavatski (§2): max, sum of {@code exp(x − μ)}, then
     * {@code y = exp(x − μ)/σ} recomputed: 3 reads and 1 write (16 bytes per element), two exponentials per element.
     * Kept for the comparison in the two-pass notebook and benchmark.
     */
    public static void softmaxRecompute(float[] x, int xOff, float[] y, int yOff, int n) {
        float max = max(x, xOff, n);
        if (max == Float.NEGATIVE_INFINITY) {
            Arrays.fill(y, yOff, yOff + n, 0f);
            return;
        }
        float inv = (float) (1.0 / sumExp(x, xOff, n, max));
        scaleExp(x, xOff, y, yOff, n, max, inv);
    }

    /**
     * {@code y[i] = exp(x[i] − shift) · scale}: the last pass of softmax (shift = max, scale = 1/Σ), shared with
     * the online kernel, and the log-sum-exp gradient (shift = lse, scale = upstream gradient).
     */
    public static void scaleExp(float[] x, int xOff, float[] y, int yOff, int n, float shift, float scale) {
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, x, xOff + i).sub(shift).lanewise(EXP).mul(scale)
                    .intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = exp(x[xOff + i] - shift) * scale;
        }
    }

    /**
     * {@code y = (x − μ) − log Σ exp(x − μ)}; all −∞ if the row is empty or all −∞. Subtracting μ first keeps rows
     * like (−1e30, −1e30) exact, where {@code x − logsumexp(x)} would round the log away.
     */
    public static void logSoftmax(float[] x, int xOff, float[] y, int yOff, int n) {
        float max = max(x, xOff, n);
        if (max == Float.NEGATIVE_INFINITY) {
            Arrays.fill(y, yOff, yOff + n, Float.NEGATIVE_INFINITY);
            return;
        }
        float logSum = (float) Math.log(sumExp(x, xOff, n, max));
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, x, xOff + i).sub(max).sub(logSum).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = (x[xOff + i] - max) - logSum;
        }
    }

    /** {@code Σ a[i]·b[i]} with the same blocked double accumulation as {@link #sumExp}. */
    public static double dot(float[] a, int aOff, float[] b, int bOff, int n) {
        double total = 0;
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < bound; i += BLOCK) {
            total += dotBlock(a, aOff + i, b, bOff + i, Math.min(BLOCK, bound - i));
        }
        for (int i = bound; i < n; i++) {
            total += a[aOff + i] * b[bOff + i];
        }
        return total;
    }

    /** One block of {@link #dot}. */
    private static float dotBlock(float[] a, int aOff, float[] b, int bOff, int len) {
        FloatVector acc = FloatVector.zero(SPECIES);
        for (int i = 0; i < len; i += SPECIES.length()) {
            acc = FloatVector.fromArray(SPECIES, a, aOff + i).fma(FloatVector.fromArray(SPECIES, b, bOff + i), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /**
     * Softmax VJP: {@code dx = y ⊙ (dy − ⟨dy, y⟩)}, the product of the Jacobian {@code diag(y) − y yᵀ} with dy.
     */
    public static void softmaxBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        softmaxBackward(y, yOff, dy, dyOff, dx, dxOff, n, 1f);
    }

    /**
     * {@code dx = scale · y ⊙ (dy − ⟨dy, y⟩)}: the VJP of {@code softmax(scale · x)}, e.g. scale = 1/T for a
     * temperature T.
     */
    public static void softmaxBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n,
            float scale) {
        float dot = (float) dot(y, yOff, dy, dyOff, n);
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector yv = FloatVector.fromArray(SPECIES, y, yOff + i).mul(scale);
            FloatVector.fromArray(SPECIES, dy, dyOff + i).sub(dot).mul(yv).intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            dx[dxOff + i] = y[yOff + i] * scale * (dy[dyOff + i] - dot);
        }
    }

    /** {@code y = (x − shift) · scale}, e.g. a row shifted by its maximum and divided by a temperature. */
    public static void shiftAndScale(float[] x, int xOff, float[] y, int yOff, int n, float shift, float scale) {
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, x, xOff + i).sub(shift).mul(scale).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = (x[xOff + i] - shift) * scale;
        }
    }

    /**
     * Log-softmax VJP: {@code dx = dy − softmax(x) · Σ dy}, with {@code softmax(x) = exp(y)} recovered from the
     * log-softmax output y. Entries with {@code y = −∞} (a score of −∞) are treated as masked: their dx is 0 and
     * their dy is left out of the sum.
     */
    public static void logSoftmaxBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += y[yOff + i] == Float.NEGATIVE_INFINITY ? 0 : dy[dyOff + i];
        }
        float sum = (float) total;
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector yv = FloatVector.fromArray(SPECIES, y, yOff + i);
            FloatVector.fromArray(SPECIES, dy, dyOff + i).sub(yv.lanewise(EXP).mul(sum))
                    .blend(0f, yv.eq(Float.NEGATIVE_INFINITY)).intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            dx[dxOff + i] = y[yOff + i] == Float.NEGATIVE_INFINITY ? 0f : dy[dyOff + i] - exp(y[yOff + i]) * sum;
        }
    }
}
