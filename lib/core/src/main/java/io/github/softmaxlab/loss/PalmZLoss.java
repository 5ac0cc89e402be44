package io.github.softmaxlab.loss;

import io.github.softmaxlab.core.Check;
import io.github.softmaxlab.kernel.reference.SoftmaxReference;

/**
 * PaLM's auxiliary z-loss (Chowdhery et al. 2022, "PaLM", §5): {@code L = coefficient · (log Z)²} with
 * {@code log Z = logsumexp(z)} over the visible logits. It ignores the target and pushes the softmax normaliser
 * toward 1 (log Z → 0), which keeps large-model logits from drifting; it is added to the ordinary cross-entropy,
 * e.g. {@code LossSum.of(CrossEntropy.plain(), PalmZLoss.palm())}. PaLM uses coefficient 1e-4; ST-MoE uses 1e-3
 * for its router. Gradient: {@code dL/dz_j = 2 · coefficient · log Z · softmax(z)_j}.
 *
 * <p><b>Not</b> the Z-loss of de Brébisson &amp; Vincent ({@link ZLoss}): that one is a classification loss on
 * standardised logits and is invariant to shifting them, while this one depends on their shift by construction
 * ({@code logsumexp(z + β) = logsumexp(z) + β}).
 *
 * <p>The target is validated (in range, visible) like every loss's, but unused. Logits of ±1e30 give a finite
 * (huge, ~1e56) loss in float64; the float32 path widens each row to float64, since (log Z)² overflows float32.
 */
public final class PalmZLoss extends RowLoss {

    private final double coefficient;

    private PalmZLoss(double coefficient) {
        Check.positiveFinite("coefficient", coefficient);
        this.coefficient = coefficient;
    }

    /** {@code coefficient · (log Z)²}, coefficient finite and &gt; 0. */
    public static PalmZLoss withCoefficient(double coefficient) {
        return new PalmZLoss(coefficient);
    }

    /** PaLM's coefficient, 1e-4. */
    public static PalmZLoss palm() {
        return new PalmZLoss(1e-4);
    }

    public double coefficient() {
        return coefficient;
    }

    @Override
    public String name() {
        return "palm-z-loss(" + coefficient + ")";
    }

    @Override
    protected double row(double[] x, int n, int t, double[] grad) {
        double logZ = SoftmaxReference.logSumExp(x, 0, n);
        if (grad != null) {
            for (int j = 0; j < n; j++) {
                grad[j] = 2 * coefficient * logZ * Math.exp(x[j] - logZ);
            }
        }
        return coefficient * logZ * logZ;
    }
}
