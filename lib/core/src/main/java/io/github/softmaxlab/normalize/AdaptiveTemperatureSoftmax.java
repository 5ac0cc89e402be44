package io.github.softmaxlab.normalize;

import io.github.softmaxlab.kernel.reference.SoftmaxReference;

/**
 * Adaptive temperature, from "softmax is not enough (for sharp out-of-distribution)", Veličković, Perivolaropoulos,
 * Barbero, Pascanu, arXiv 2410.01104 (the JAX code figure of the paper, as copied by third parties; spec part 2 §3):
 * <pre>
 *   p = softmax(e),  H = −Σ p_i log(p_i + 1e−9)
 *   β = max(poly(H), 1) if H &gt; 0.5, else 1
 *   poly(H) = −0.037 H⁴ + 0.481 H³ − 2.3 H² + 4.917 H − 1.791
 *   output = softmax(β · e)
 * </pre>
 * The polynomial is the authors' fit of the inverse temperature that keeps max-retrieval rows sharp, as a function
 * of their entropy. β ≥ 1, so the output is never flatter than softmax; β &gt; 1 only for 0.8486 &lt; H &lt; 5.9445,
 * so rows that are already sharp, and near-uniform rows over ≳ 380 items, are left as they are.
 *
 * <p><b>Backward: two choices.</b> The paper applies the rule at inference only and computes β without gradient.
 * {@link #inference()} (the default) does the same: its backward treats β as a constant chosen by the forward pass,
 * {@code dL/de = β · q ⊙ (dL/dq − ⟨q, dL/dq⟩)} with {@code q} the output. That is what a model trained with plain
 * softmax sees if adaptive temperature is switched on for fine-tuning, and it keeps β's piecewise rule (threshold,
 * floor) out of the gradient; it is <em>not</em> the derivative of the forward function, so finite differences
 * disagree with it wherever β &gt; 1. {@link #exactGradient()} differentiates through β as well:
 * {@code dL/de += (Σ_i w_i e_i) · poly'(H) · ∂H/∂e} with {@code w = q ⊙ (dL/dq − ⟨q, dL/dq⟩)} and
 * {@code ∂H/∂e = p ⊙ (g − ⟨p, g⟩)}, {@code g_i = −log(p_i + 1e−9) − p_i / (p_i + 1e−9)}; the extra term is zero
 * wherever β is clamped to 1.
 *
 * <p>No learnable parameters. Masks: the rule runs over the visible entries of each row (−∞ counts as masked);
 * a fully masked row gives zeros.
 */
public final class AdaptiveTemperatureSoftmax extends RowwiseNormalizer {

    /** The paper's polynomial coefficients, highest power first. */
    private static final double[] POLY = {-0.037, 0.481, -2.3, 4.917, -1.791};
    /** Below this entropy the row is left alone (β = 1). */
    public static final double ENTROPY_THRESHOLD = 0.5;
    /** The ε inside the paper's entropy {@code −Σ p log(p + ε)}. */
    public static final double EPS = 1e-9;

    private final boolean exact;

    private AdaptiveTemperatureSoftmax(boolean exact) {
        this.exact = exact;
    }

    /** The paper's setting: β is a constant in the backward pass (stop-gradient). */
    public static AdaptiveTemperatureSoftmax inference() {
        return new AdaptiveTemperatureSoftmax(false);
    }

    /** The same forward function with its full derivative, β's dependence on the scores included. */
    public static AdaptiveTemperatureSoftmax exactGradient() {
        return new AdaptiveTemperatureSoftmax(true);
    }

    /** The fitted inverse temperature {@code poly(H)}, before the threshold and the floor. */
    public static double poly(double entropy) {
        double v = 0;
        for (double c : POLY) {
            v = v * entropy + c;
        }
        return v;
    }

    /** The inverse temperature β applied to a row of softmax entropy {@code entropy}: always ≥ 1. */
    public static double beta(double entropy) {
        return entropy > ENTROPY_THRESHOLD ? Math.max(poly(entropy), 1) : 1;
    }

    /** The paper's entropy {@code −Σ p_i log(p_i + ε)} of {@code p[off .. off+n)}. */
    public static double entropy(double[] p, int off, int n) {
        double h = 0;
        for (int i = 0; i < n; i++) {
            h -= p[off + i] * Math.log(p[off + i] + EPS);
        }
        return h;
    }

    /** The β this normalizer uses on a row of scores. */
    public static double betaOf(double... scores) {
        double[] p = Softmax.standard().apply(scores);
        return beta(entropy(p, 0, p.length));
    }

    private static double dBeta(double entropy) {
        if (!(entropy > ENTROPY_THRESHOLD) || poly(entropy) <= 1) {
            return 0;
        }
        return ((4 * POLY[0] * entropy + 3 * POLY[1]) * entropy + 2 * POLY[2]) * entropy + POLY[3];
    }

    @Override
    public String name() {
        return exact ? "adaptive-θ softmax (exact grad)" : "adaptive-θ softmax";
    }

    @Override
    void forwardRow(double[] z, double[] w, int n, Row row) {
        SoftmaxReference.softmax(z, 0, w, 0, n);
        ScaledRows.softmaxScaled(z, w, n, beta(entropy(w, 0, n)));
    }

    @Override
    void backwardRow(double[] z, double[] w, double[] gw, double[] gz, int n, Row row) {
        double[] p = new double[n];
        SoftmaxReference.softmax(z, 0, p, 0, n);
        double h = entropy(p, 0, n);
        SoftmaxReference.softmaxBackward(w, 0, gw, 0, gz, 0, n); // gz = w-vector q ⊙ (g − ⟨q, g⟩)
        double dBeta = exact ? dBeta(h) : 0;
        double dLdBeta = dBeta == 0 ? 0 : ScaledRows.centredDot(gz, z, n);
        double beta = beta(h);
        for (int i = 0; i < n; i++) {
            gz[i] *= beta;
        }
        if (dLdBeta == 0) {
            return;
        }
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = -Math.log(p[i] + EPS) - p[i] / (p[i] + EPS);
        }
        double[] dH = new double[n];
        SoftmaxReference.softmaxBackward(p, 0, g, 0, dH, 0, n);
        for (int i = 0; i < n; i++) {
            gz[i] += dLdBeta * dBeta * dH[i];
        }
    }
}
