package io.github.softmaxlab.loss;

import io.github.softmaxlab.core.Check;
import io.github.softmaxlab.kernel.reference.SoftmaxReference;
import io.github.softmaxlab.normalize.LogisticSoftmax;

/**
 * Negative log-likelihood of the logistic-softmax with temperature (Ke, Cao, Ling, Zhou, "Revisiting logistic-softmax
 * likelihood in Bayesian meta-learning for few-shot classification", NeurIPS 2023, arXiv 2310.10379):
 * <pre>
 *   p(y = c | f) = σ(f_c/τ) / Σ_k σ(f_k/τ),
 *   L = −log p_c = −logσ(f_c/τ) + logsumexp_k logσ(f_k/τ),
 *   ∂L/∂f_k = −(1/τ) · [δ_ck (1 − s_k) − (1 − s_k) · q_k],   s_k = σ(f_k/τ),  q_k = s_k / Σ s.
 * </pre>
 * τ = 1 is the classic logistic-softmax; smaller τ makes the a-priori confidence higher. Unlike softmax it is not
 * shift-invariant: with every f far below 0, σ(x) ≈ eˣ and it tends to softmax(f/τ), while with f ≈ 0 the largest
 * probability is capped (the "inherent uncertainty" the temperature fixes). Only the likelihood is here; the
 * paper's Gaussian-process model and its Pólya-Gamma mean-field inference are out of scope.
 *
 * <p>Everything is computed from logσ, so q_k = exp(logσ_k − logsumexp logσ) stays exact when every s_k
 * underflows; logits of ±1e30 give a finite loss. The float32 path widens each row to float64.
 */
public final class LogisticSoftmaxLoss extends RowLoss {

    private final double temperature;

    private LogisticSoftmaxLoss(double temperature) {
        Check.positiveFinite("temperature", temperature);
        this.temperature = temperature;
    }

    /** The logistic-softmax NLL with temperature τ (finite, &gt; 0); τ = 1 is the classic form. */
    public static LogisticSoftmaxLoss withTemperature(double temperature) {
        return new LogisticSoftmaxLoss(temperature);
    }

    public double temperature() {
        return temperature;
    }

    @Override
    public String name() {
        return "logistic-softmax(τ=" + temperature + ")";
    }

    @Override
    protected double row(double[] f, int n, int c, double[] grad) {
        double[] logS = new double[n];
        for (int k = 0; k < n; k++) {
            logS[k] = LogisticSoftmax.logSigmoid(f[k] / temperature);
        }
        double lse = SoftmaxReference.logSumExp(logS, 0, n);
        if (grad != null) {
            for (int k = 0; k < n; k++) {
                double oneMinusS = RowMath.sigmoid(-f[k] / temperature);
                double q = Math.exp(logS[k] - lse);
                grad[k] = -((k == c ? oneMinusS : 0) - oneMinusS * q) / temperature;
            }
        }
        return lse - logS[c];
    }
}
