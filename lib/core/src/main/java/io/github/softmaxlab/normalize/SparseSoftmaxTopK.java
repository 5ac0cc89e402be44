package io.github.softmaxlab.normalize;

import io.github.softmaxlab.core.Check;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.kernel.reference.SoftmaxReference;
import java.util.Arrays;

/**
 * Sparse-softmax (Sun, Zhang, Huang, Lei, Su, Pan &amp; Cao, arXiv 2112.12433, 2021): a softmax over the k largest
 * scores only, {@code p_i = exp(z_i) / Σ_{j∈Ω_k} exp(z_j)} for {@code i ∈ Ω_k}, and exactly 0 elsewhere.
 *
 * <p><b>Ties</b> at the k-th place are broken by the lower index (the spec's choice; the paper does not say), so an
 * all-equal row gives 1/k to its first k entries. This makes the function not permutation-equivariant on rows with
 * ties, and discontinuous there. <b>Masks</b>: masked and −∞ entries are never selected; a row with fewer visible
 * finite entries than k keeps all of them (a plain softmax over them), as a causal row's first queries must.
 *
 * <p><b>k and the row length</b>: {@link #of(int)} rejects {@code k > n} (n = the row length,
 * {@code shape.cols()}) with an exception naming both, since asking for more entries than a row has is usually a
 * bug; {@link #atMost(int)} silently keeps {@code min(k, visible)} entries.
 *
 * <p><b>Backward</b>: the selection Ω_k is piecewise constant (treated as fixed, as in the paper), so on Ω_k this is
 * the softmax VJP {@code dz_i = p_i (g_i − ⟨p, g⟩)}, and 0 elsewhere. The function jumps where two scores swap
 * across the k-th place; away from those ties it is smooth.
 */
public final class SparseSoftmaxTopK extends RowwiseNormalizer {

    private final int k;
    private final boolean strict;

    private SparseSoftmaxTopK(int k, boolean strict) {
        Check.positive("k", k);
        this.k = k;
        this.strict = strict;
    }

    /** Keeps the k largest scores of each row; a forward or backward on rows shorter than k throws. */
    public static SparseSoftmaxTopK of(int k) {
        return new SparseSoftmaxTopK(k, true);
    }

    /** Keeps the k largest scores of each row, or all of them if a row has fewer. */
    public static SparseSoftmaxTopK atMost(int k) {
        return new SparseSoftmaxTopK(k, false);
    }

    public int k() {
        return k;
    }

    /** Shift-invariant: each row arrives with maximum 0, which keeps rows of ±1e30 finite. */
    @Override
    boolean shiftsByMax() {
        return true;
    }

    @Override
    public String name() {
        return "sparse-softmax(k=" + k + ")";
    }

    @Override
    void validate(Shape shape, Precision<?> precision) {
        if (strict && k > shape.cols() && shape.rows() > 0) {
            throw new IllegalArgumentException("k = " + k + " is larger than the row length n = " + shape.cols()
                    + " of shape " + shape + "; use k <= n, or SparseSoftmaxTopK.atMost(" + k + ")");
        }
    }

    @Override
    void forwardRow(double[] z, double[] p, int m, Row row) {
        int[] order = SortedRows.orderDescending(z, m);
        int kept = Math.min(k, m);
        Arrays.fill(p, 0, m, 0);
        double sum = 0;
        for (int r = 0; r < kept; r++) {
            int i = order[r];
            p[i] = Math.exp(z[i]); // z has maximum 0, which is in Ω_k
            sum += p[i];
        }
        for (int r = 0; r < kept; r++) {
            p[order[r]] /= sum;
        }
    }

    @Override
    void backwardRow(double[] z, double[] p, double[] g, double[] dz, int m, Row row) {
        SoftmaxReference.softmaxBackward(p, 0, g, 0, dz, 0, m); // zero off Ω_k, where p is
    }
}
