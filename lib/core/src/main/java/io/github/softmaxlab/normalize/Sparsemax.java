package io.github.softmaxlab.normalize;

/**
 * Sparsemax (Martins &amp; Astudillo, ICML 2016, arXiv 1602.02068): the Euclidean projection of the scores onto the
 * probability simplex,
 * {@code sparsemax(z) = argmin_{p ∈ Δ} ‖p − z‖² = [z − τ]₊}, with the threshold τ chosen so that the row sums to 1.
 *
 * <p><b>Forward</b> (the paper's Algorithm 1, O(n log n)): sort {@code z₍₁₎ ≥ … ≥ z₍ₙ₎}; the support size is
 * {@code k = max{k : 1 + k·z₍ₖ₎ > Σ_{j≤k} z₍ⱼ₎}} and {@code τ = (Σ_{j≤k} z₍ⱼ₎ − 1)/k}. Entries with
 * {@code z_i ≤ τ} get exactly 0.
 *
 * <p><b>Backward</b> (the paper's eq. 14, Jacobian {@code diag(s) − s sᵀ/|S|} with s the support indicator): on the
 * support S = {i : p_i &gt; 0}, {@code dz_i = g_i − mean_{j∈S} g_j}; off the support {@code dz_i = 0}. The function is
 * piecewise linear: the Jacobian jumps where an entry enters or leaves the support (z_i = τ), and there the
 * one-sided derivatives differ; we return the one of the open piece the input lies in.
 *
 * <p>Like softmax, sparsemax is invariant to adding a constant to a row; unlike softmax, it has no temperature, so
 * scaling the scores up shrinks the support (see notebook 06).
 */
public final class Sparsemax extends RowwiseNormalizer {

    /** Shift-invariant: each row arrives with maximum 0, which keeps rows of ±1e30 finite. */
    @Override
    boolean shiftsByMax() {
        return true;
    }

    @Override
    public String name() {
        return "sparsemax";
    }

    /** The threshold τ of the row {@code z[0..m)}, m ≥ 1, all entries finite. */
    public static double threshold(double[] z, int m) {
        double[] sorted = SortedRows.descending(z, m);
        double cumulative = 0;
        double sumOfSupport = 0;
        int support = 0;
        for (int k = 1; k <= m; k++) {
            cumulative += sorted[k - 1];
            if (1 + k * sorted[k - 1] > cumulative) {
                support = k;
                sumOfSupport = cumulative;
            }
        }
        return (sumOfSupport - 1) / support;
    }

    /** The threshold τ of a whole row. */
    public static double threshold(double... z) {
        return threshold(z, z.length);
    }

    @Override
    void forwardRow(double[] z, double[] p, int m, Row row) {
        double tau = threshold(z, m);
        for (int i = 0; i < m; i++) {
            p[i] = Math.max(z[i] - tau, 0);
        }
    }

    @Override
    void backwardRow(double[] z, double[] p, double[] g, double[] dz, int m, Row row) {
        double sum = 0;
        int support = 0;
        for (int i = 0; i < m; i++) {
            if (p[i] > 0) {
                sum += g[i];
                support++;
            }
        }
        double mean = support == 0 ? 0 : sum / support;
        for (int i = 0; i < m; i++) {
            dz[i] = p[i] > 0 ? g[i] - mean : 0;
        }
    }
}
