package io.github.softmaxlab.normalize;

import io.github.softmaxlab.core.Check;
import io.github.softmaxlab.kernel.reference.SoftmaxReference;

/**
 * Inhibited softmax: {@code p_k = e^{z_k} / (Σ_j e^{z_j} + c)} with a fixed inhibitor {@code c > 0}. It is a softmax
 * over the row plus one extra, constant logit {@code log c} whose probability is thrown away, so each row sums to
 * {@code S/(S + c) < 1} with {@code S = Σ_j e^{z_j}}: the missing mass {@code c/(S + c)} is the "inhibitor", large
 * when every score is low (the model abstains), small when one score dominates.
 *
 * <p>Source: Gonsior, Falkenberg, Magino, Reusch, Thiele, Lehner, "To Softmax, or not to Softmax: that is the question
 * when applying Active Learning for Transformer Models", arXiv 2210.03005, method 5 of their confidence sources
 * (spec part 2, §9(b)); their code uses c = 1.5 for both training (NLL) and scoring, the default here.
 *
 * <p>Computed safely with {@code m = max(max_j z_j, log c)}: {@code p_k = e^{z_k−m} / (Σ_j e^{z_j−m} + c·e^{−m})}.
 * Backward: the Jacobian is softmax's on the augmented row with the inhibitor's row and column dropped,
 * {@code ∂p_k/∂z_j = p_k(δ_kj − p_j)}, so {@code dz = p ⊙ (dp − ⟨dp, p⟩)}, as for softmax but with p not summing
 * to 1. Masked and −∞ entries drop out; a fully masked row is all zeros (not "all inhibitor": it has no entries).
 */
public final class InhibitedSoftmax extends RowwiseNormalizer {

    /** The inhibitor the paper's code uses. */
    public static final double DEFAULT_INHIBITOR = 1.5;

    private final double inhibitor;
    private final double logInhibitor;

    private InhibitedSoftmax(double inhibitor) {
        Check.positiveFinite("inhibitor", inhibitor);
        this.inhibitor = inhibitor;
        this.logInhibitor = Math.log(inhibitor);
    }

    /** Inhibitor c = 1.5, as in the paper's code. */
    public static InhibitedSoftmax standard() {
        return new InhibitedSoftmax(DEFAULT_INHIBITOR);
    }

    /** Inhibitor c, finite and &gt; 0. */
    public static InhibitedSoftmax withInhibitor(double inhibitor) {
        return new InhibitedSoftmax(inhibitor);
    }

    public double inhibitor() {
        return inhibitor;
    }

    @Override
    public String name() {
        return "inhibited-softmax(c=" + inhibitor + ")";
    }

    /** Rows sum to {@code S/(S + c) < 1}: the inhibitor keeps the rest. */
    @Override
    public boolean sumsToOne() {
        return false;
    }

    @Override
    void forwardRow(double[] z, double[] w, int n, Row row) {
        double m = logInhibitor;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, z[i]);
        }
        double sum = Math.exp(logInhibitor - m); // the inhibitor's logit log c, shifted like the others
        for (int i = 0; i < n; i++) {
            w[i] = Math.exp(z[i] - m);
            sum += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= sum;
        }
    }

    @Override
    void backwardRow(double[] z, double[] w, double[] gw, double[] gz, int n, Row row) {
        SoftmaxReference.softmaxBackward(w, 0, gw, 0, gz, 0, n); // p need not sum to 1 for this VJP
    }
}
