package io.github.softmaxlab.normalize;

import io.github.softmaxlab.core.Check;
import io.github.softmaxlab.core.Parameter;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.kernel.reference.SoftmaxReference;
import java.util.List;

/**
 * Logistic-softmax with temperature: {@code p_c = σ(z_c/τ) / Σ_k σ(z_k/τ)}, σ the logistic sigmoid (Ke, Cao, Ling,
 * Zhou, "Revisiting Logistic-softmax Likelihood in Bayesian Meta-Learning for Few-Shot Classification", NeurIPS 2023,
 * arXiv 2310.10379; spec part 1, §4(b)). τ = 1 is the classic logistic-softmax.
 *
 * <p>Properties (tested): rows sum to 1; all-equal scores give the uniform row; τ → ∞ gives the uniform row; unlike
 * softmax it is <em>not</em> shift-invariant, and shifting every score far down recovers softmax,
 * {@code lim_{a→∞} LSM(z − a) = softmax(z/τ)}, because {@code σ(x) ≈ eˣ} for x ≪ 0 (the paper: "softmax is a special
 * case"). Since σ &lt; 1, {@code p_i/p_j ≤ 1/σ(z_j/τ)}: with scores near 0 the top probability is capped, which is the
 * "inherent uncertainty" that the temperature controls.
 *
 * <p>Computed stably as a softmax of log-sigmoids: {@code l_k = log σ(u_k) = min(u_k, 0) − log1p(e^{−|u_k|})},
 * {@code u = z/τ}, {@code p = softmax(l)}, so scores of ±1e30 and rows where every σ underflows are fine.
 *
 * <p>Backward: {@code ∂l_k/∂u_k = σ(−u_k)}, so {@code dz_k = (1/τ) σ(−u_k) p_k (dp_k − ⟨dp, p⟩)} (the spec's
 * {@code (1/τ)[δ_ck(1−s_k) − s_k(1−s_k)/S]} in VJP form) and {@code dτ = −(1/τ) Σ_k z_k dz_k}.
 *
 * <p>τ is a learnable {@link Parameter} ({@code "logistic.temperature"}, one value), as in the design; the paper
 * treats it as a hyper-parameter ({@code --tau}). It must stay finite and &gt; 0.
 */
public final class LogisticSoftmax extends RowwiseNormalizer {

    private final Parameter temperature;

    private LogisticSoftmax(Parameter temperature) {
        this.temperature = temperature;
    }

    /** Logistic-softmax with temperature τ, finite and &gt; 0. */
    public static LogisticSoftmax withTemperature(double tau) {
        Check.positiveFinite("temperature", tau);
        return new LogisticSoftmax(new Parameter("logistic.temperature", new float[] {(float) tau}));
    }

    /** The classic logistic-softmax, τ = 1. */
    public static LogisticSoftmax standard() {
        return withTemperature(1);
    }

    /** The temperature parameter (one value). */
    public Parameter temperature() {
        return temperature;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(temperature);
    }

    @Override
    public String name() {
        return "logistic-softmax(T=" + temperature.value[0] + ")";
    }

    @Override
    void validate(Shape shape, Precision<?> precision) {
        double tau = precision.value(temperature, 0);
        if (!(tau > 0 && Double.isFinite(tau))) {
            throw new IllegalArgumentException("logistic.temperature must be finite and > 0, got " + tau);
        }
    }

    /**
     * {@code log σ(x) = min(x, 0) − log1p(e^−|x|)}, without overflow for any finite x. Shared with
     * {@link io.github.softmaxlab.loss.LogisticSoftmaxLoss}, so the normalizer and its likelihood agree exactly.
     */
    public static double logSigmoid(double x) {
        return Math.min(x, 0) - Math.log1p(Math.exp(-Math.abs(x)));
    }

    @Override
    void forwardRow(double[] z, double[] w, int n, Row row) {
        double tau = row.value(temperature, 0);
        for (int i = 0; i < n; i++) {
            w[i] = logSigmoid(z[i] / tau);
        }
        SoftmaxReference.softmax(w, 0, w, 0, n);
    }

    @Override
    void backwardRow(double[] z, double[] w, double[] gw, double[] gz, int n, Row row) {
        double tau = row.value(temperature, 0);
        SoftmaxReference.softmaxBackward(w, 0, gw, 0, gz, 0, n); // dL/dl, l the log-sigmoids
        double gradTau = 0;
        for (int i = 0; i < n; i++) {
            double sigmoidOfMinusU = 1 / (1 + Math.exp(z[i] / tau));
            gz[i] *= sigmoidOfMinusU / tau;
            if (gz[i] != 0) { // z may be ±1e30 where the gradient underflows to 0: 0, not 0·∞
                gradTau -= z[i] * gz[i] / tau;
            }
        }
        row.addGrad(temperature, 0, gradTau);
    }
}
