package io.github.softmaxlab.normalize;

import io.github.softmaxlab.kernel.reference.SoftmaxReference;

/**
 * Row helpers shared by the normalizers of the form {@code softmax(α · z)} with a row-dependent factor α (SSMax,
 * adaptive temperature) and by their backward passes. Rows are dense and finite: {@link RowwiseNormalizer} has
 * already dropped masked and −∞ entries, so α never multiplies a −∞ (0 · −∞ and a negative α times −∞ would both be
 * wrong).
 */
final class ScaledRows {

    private ScaledRows() {
    }

    /**
     * {@code w = softmax(α · z)} over {@code z[0..n)}, n ≥ 1, for any finite α. The row is shifted by the entry that
     * maximises {@code α · z} (the max for α ≥ 0, the min for α &lt; 0), so {@code α · (z − shift) ≤ 0} never
     * overflows; α = 0 gives the uniform distribution.
     */
    static void softmaxScaled(double[] z, double[] w, int n, double alpha) {
        double shift = alpha >= 0 ? SoftmaxReference.max(z, 0, n) : min(z, n);
        for (int i = 0; i < n; i++) {
            w[i] = alpha * (z[i] - shift);
        }
        SoftmaxReference.softmax(w, 0, w, 0, n);
    }

    /**
     * {@code Σ v_i (z_i − max z)}: the derivative of {@code L} with respect to α when
     * {@code v = p ⊙ (dL/dp − ⟨p, dL/dp⟩)} is the softmax VJP. Because {@code Σ v_i = 0}, the shift by the max
     * changes nothing mathematically; it keeps rows like (1e30, 1e30 + ε) from cancelling catastrophically.
     */
    static double centredDot(double[] v, double[] z, int n) {
        double max = SoftmaxReference.max(z, 0, n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += v[i] * (z[i] - max);
        }
        return sum;
    }

    private static double min(double[] z, int n) {
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, z[i]);
        }
        return min;
    }
}
