package io.github.softmaxlab.loss;

import io.github.softmaxlab.kernel.SoftmaxKernel;
import io.github.softmaxlab.kernel.reference.SoftmaxReference;

/**
 * Cross-entropy of the softmax with label smoothing ε (Szegedy et al. 2016, "Rethinking the Inception
 * architecture", §7): the target distribution is {@code q = (1 − ε)·e_t + ε/n} over the n visible classes, and
 * <pre>
 *   L = −Σ_j q_j log p_j = −(1 − ε)·log p_t − (ε/n)·Σ_j log p_j,     log p = logSoftmax(z).
 * </pre>
 * ε = 0 is the plain cross-entropy −log p_t. Gradient: {@code dL/dz_j = p_j − q_j}.
 *
 * <p>The uniform part spreads over the <b>visible</b> classes only: a masked class is not a class of this row. The
 * log-probabilities come from {@link SoftmaxKernel#logSoftmax} (float32) and {@link SoftmaxReference#logSoftmax}
 * (float64), which subtract the row maximum first, so logits of ±1e30 give a finite (if huge) loss.
 */
public final class CrossEntropy extends RowLoss {

    private final double smoothing;

    private CrossEntropy(double smoothing) {
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("smoothing must be in [0, 1), got " + smoothing);
        }
        this.smoothing = smoothing;
    }

    /** Plain cross-entropy, −log softmax(z)_t. */
    public static CrossEntropy plain() {
        return new CrossEntropy(0);
    }

    /** Cross-entropy against {@code (1 − ε)·onehot + ε·uniform}, ε in [0, 1). */
    public static CrossEntropy withLabelSmoothing(double epsilon) {
        return new CrossEntropy(epsilon);
    }

    public double smoothing() {
        return smoothing;
    }

    @Override
    public String name() {
        return smoothing == 0 ? "cross-entropy" : "cross-entropy(ε=" + smoothing + ")";
    }

    @Override
    protected double row(double[] x, int n, int t, double[] grad) {
        double[] logp = grad != null ? grad : new double[n];
        SoftmaxReference.logSoftmax(x, 0, logp, 0, n);
        double loss = smoothedNll(logp[t], RowMath.sum(logp, n), n);
        if (grad != null) {
            for (int j = 0; j < n; j++) {
                grad[j] = Math.exp(logp[j]) - target(j, t, n);
            }
        }
        return loss;
    }

    @Override
    protected double row(float[] x, int n, int t, float[] grad) {
        float[] logp = grad != null ? grad : new float[n];
        SoftmaxKernel.logSoftmax(x, 0, logp, 0, n);
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += logp[j];
        }
        double loss = smoothedNll(logp[t], sum, n);
        if (grad != null) {
            for (int j = 0; j < n; j++) {
                grad[j] = (float) (Math.exp(logp[j]) - target(j, t, n));
            }
        }
        return loss;
    }

    private double smoothedNll(double logpTarget, double sumLogp, int n) {
        return smoothing == 0 ? -logpTarget : -(1 - smoothing) * logpTarget - smoothing / n * sumLogp;
    }

    /** q_j, the smoothed target distribution. */
    private double target(int j, int t, int n) {
        return (j == t ? 1 - smoothing : 0) + smoothing / n;
    }
}
