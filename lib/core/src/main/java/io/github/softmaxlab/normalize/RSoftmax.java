package io.github.softmaxlab.normalize;

import java.util.Arrays;

/**
 * r-softmax (Bałazy, Struski, Śmieja &amp; Tabor, arXiv 2304.05243, 2023): a softmax with exact zeros at a sparsity
 * rate r ∈ [0, 1) chosen by the user. It is a weighted softmax whose weights are {@code w_i = ReLU(z_i − q_r)},
 * {@code q_r} the r-quantile of the row:
 * <pre>
 *   p_i = w_i · exp(z_i − max z) / Σ_j w_j · exp(z_j − max z).
 * </pre>
 * The formulas follow our spec (part 1 §6), which reconstructs them from memory ([U]): the chain weighted softmax →
 * t-softmax ({@code w_i = ReLU(z_i + t − max z)}) → r-softmax ({@code t = max z − q_r}) is confirmed by a secondary
 * source, the exact quantile rule is not.
 *
 * <p><b>Quantile and rounding rule.</b> {@code q_r} interpolates linearly between order statistics (numpy's default):
 * with {@code a₀ ≤ … ≤ a_{n−1}} the sorted row, {@code h = r(n − 1)}, {@code q_r = a_⌊h⌋ + (h − ⌊h⌋)(a_{⌊h⌋+1} − a_⌊h⌋)}.
 * Every entry {@code ≤ q_r} gets exactly 0, so on a row of n ≥ 2 distinct scores r-softmax zeroes exactly
 * {@link #zeroCount(double, int) ⌊r(n − 1)⌋ + 1} entries (computed in float64 as written): 1/3/5/9 of 10 for
 * r = 0/0.3/0.5/0.9. Note that r = 0 still zeroes the minimum, and at most n − 1 entries are ever zeroed. Ties at the
 * quantile are all zeroed.
 *
 * <p><b>Masks</b>: n is the number of <em>visible</em>, finite entries of the row: the quantile is taken over them
 * only, so r is the fraction of the visible entries that are zeroed (masked entries are zero anyway, and a padded
 * row gets the same weights as the unpadded one). −∞ scores count as masked.
 *
 * <p><b>Degenerate rows.</b> If every weight is zero (the row maximum is tied down to the quantile, e.g. an all-equal
 * row, or n = 1) we return the uniform distribution over the entries equal to the maximum: the limit t → 0⁺ of
 * t-softmax. Its gradient there is taken as 0.
 *
 * <p><b>Backward.</b> With {@code c_i = exp(z_i − max)/Z} (so {@code p_i = w_i c_i}), {@code u = ⟨p, g⟩} and S the
 * support ({@code w_i > 0}): for q fixed, {@code ∂ log p_i/∂z_j = δ_ij (1 + 1/w_i) − p_j (1 + 1/w_j)}, which gives
 * {@code dz_j = (p_j + c_j)(g_j − u)} on S. The quantile moves with the two order statistics it interpolates:
 * {@code ∂L/∂q = −Σ_{i∈S} c_i (g_i − u)}, added to {@code dz} of {@code a_⌊h⌋} with weight {@code 1 − φ} and of
 * {@code a_⌊h⌋+1} with weight {@code φ = h − ⌊h⌋}. The function has kinks where two scores swap order.
 */
public final class RSoftmax extends RowwiseNormalizer {

    private final double r;

    /** @param r sparsity rate in [0, 1): roughly the fraction of each row's visible entries set to zero */
    public RSoftmax(double r) {
        if (!(r >= 0 && r < 1)) {
            throw new IllegalArgumentException("r must be in [0, 1), got " + r);
        }
        this.r = r;
    }

    public double r() {
        return r;
    }

    /** Shift-invariant: each row arrives with maximum 0, which keeps rows of ±1e30 finite. */
    @Override
    boolean shiftsByMax() {
        return true;
    }

    @Override
    public String name() {
        return "r-softmax(r=" + r + ")";
    }

    /**
     * How many of n distinct visible scores r-softmax sets to zero: {@code ⌊r(n − 1)⌋ + 1} for n ≥ 2, computed in
     * float64 exactly as written; 0 for n ≤ 1.
     */
    public static int zeroCount(double r, int n) {
        return n <= 1 ? 0 : (int) Math.floor(r * (n - 1)) + 1;
    }

    /** The quantities of one row shared by forward and backward. */
    private final class Terms {
        final int lo;
        final int hi;
        final double phi;
        final double[] w;
        final double[] c;
        final boolean degenerate;

        Terms(double[] z, int m) {
            int[] descending = SortedRows.orderDescending(z, m);
            double h = r * (m - 1);
            int loRank = (int) Math.floor(h);
            int hiRank = Math.min(loRank + 1, m - 1);
            phi = h - loRank;
            // orderDescending lists the largest first: ascending rank j is position m − 1 − j.
            lo = descending[m - 1 - loRank];
            hi = descending[m - 1 - hiRank];
            double q = z[lo] + phi * (z[hi] - z[lo]);
            w = new double[m];
            c = new double[m];
            double sum = 0;
            for (int i = 0; i < m; i++) {
                w[i] = Math.max(z[i] - q, 0);
                c[i] = Math.exp(z[i]); // z has maximum 0
                sum += w[i] * c[i];
            }
            degenerate = !(sum > 0);
            for (int i = 0; i < m; i++) {
                c[i] /= sum;
            }
        }
    }

    @Override
    void forwardRow(double[] z, double[] p, int m, Row row) {
        Terms t = new Terms(z, m);
        if (t.degenerate) {
            uniformOverMaxima(z, p, m);
            return;
        }
        for (int i = 0; i < m; i++) {
            p[i] = t.w[i] * t.c[i];
        }
    }

    private static void uniformOverMaxima(double[] z, double[] p, int m) {
        int ties = 0;
        for (int i = 0; i < m; i++) {
            ties += z[i] == 0 ? 1 : 0;
        }
        for (int i = 0; i < m; i++) {
            p[i] = z[i] == 0 ? 1.0 / ties : 0;
        }
    }

    @Override
    void backwardRow(double[] z, double[] p, double[] g, double[] dz, int m, Row row) {
        Terms t = new Terms(z, m);
        if (t.degenerate) {
            Arrays.fill(dz, 0, m, 0);
            return;
        }
        double u = 0;
        for (int i = 0; i < m; i++) {
            u += t.w[i] * t.c[i] * g[i];
        }
        double dq = 0;
        for (int i = 0; i < m; i++) {
            boolean inSupport = t.w[i] > 0;
            dz[i] = inSupport ? (t.w[i] * t.c[i] + t.c[i]) * (g[i] - u) : 0;
            dq -= inSupport ? t.c[i] * (g[i] - u) : 0;
        }
        dz[t.lo] += (1 - t.phi) * dq;
        dz[t.hi] += t.phi * dq;
    }
}
