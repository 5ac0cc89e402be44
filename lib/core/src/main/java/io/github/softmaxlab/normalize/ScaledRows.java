package io.github.softmaxlab.normalize;

import io.github.softmaxlab.kernel.reference.SoftmaxReference;
import java.util.Arrays;

/**
 * Row helpers shared by the normalizers of the form {@code softmax(α · z)} with a row-dependent factor α (SSMax,
 * adaptive temperature) and by their backward passes. A score of −∞ is a masked entry here: it is never multiplied
 * by α (0 · −∞ and a negative α times −∞ would both be wrong), it gets weight 0 and it is skipped in sums.
 */
final class ScaledRows {

    private ScaledRows() {
    }

    /** Number of finite entries of {@code z[off .. off+n)}: the visible keys that are not masked by a −∞. */
    static int finiteCount(double[] z, int off, int n) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (z[off + i] != Double.NEGATIVE_INFINITY) {
                count++;
            }
        }
        return count;
    }

    /**
     * {@code w = softmax(α · z)} over the row, for any finite α. The row is shifted by the entry that maximises
     * {@code α · z} (the max for α ≥ 0, the min for α &lt; 0), so {@code α · (z − shift) ≤ 0} never overflows;
     * −∞ entries get weight 0, and α = 0 gives the uniform distribution over the finite entries.
     */
    static void softmaxScaled(double[] z, double[] w, int off, int n, double alpha) {
        double shift = alpha >= 0 ? SoftmaxReference.max(z, off, n) : finiteMin(z, off, n);
        if (shift == Double.NEGATIVE_INFINITY || shift == Double.POSITIVE_INFINITY) {
            Arrays.fill(w, off, off + n, 0.0); // no finite entry: a fully masked row
            return;
        }
        for (int i = 0; i < n; i++) {
            double v = z[off + i];
            w[off + i] = v == Double.NEGATIVE_INFINITY ? v : alpha * (v - shift);
        }
        SoftmaxReference.softmax(w, off, w, off, n);
    }

    /**
     * {@code Σ v_i (z_i − max z)} over the finite entries: the derivative of {@code L} with respect to α when
     * {@code v = p ⊙ (dL/dp − ⟨p, dL/dp⟩)} is the softmax VJP. Because {@code Σ v_i = 0}, the shift by the max
     * changes nothing mathematically; it keeps rows like (1e30, 1e30 + ε) from cancelling catastrophically.
     */
    static double centredDot(double[] v, double[] z, int off, int n) {
        double max = SoftmaxReference.max(z, off, n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (z[off + i] != Double.NEGATIVE_INFINITY) {
                sum += v[off + i] * (z[off + i] - max);
            }
        }
        return sum;
    }

    private static double finiteMin(double[] z, int off, int n) {
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = z[off + i];
            if (v != Double.NEGATIVE_INFINITY && v < min) {
                min = v;
            }
        }
        return min;
    }
}
