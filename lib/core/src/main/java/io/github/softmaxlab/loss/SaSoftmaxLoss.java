package io.github.softmaxlab.loss;

import io.github.softmaxlab.core.Shape;

/**
 * SA-Softmax with Feature Mask, the cross-modal loss of "Spectral-Aware Softmax for visible-infrared person
 * re-identification" (Tan, Dai, Ye, Xu, Wu, Ji, arXiv 2302.01512; our spec part 1 §7). Each identity c has one
 * prototype per modality; a sample of identity y in modality m is classified against the prototype of its
 * identity in the <i>other</i> modality m̄, and its own-modality prototype is removed from the denominator:
 * <pre>
 *   L_SA = −log [ exp(u_(y,m̄)) / Σ_{(c,m') ≠ (y,m)} exp(u_(c,m')) ],     u_(c,m') = f · p_(c,m').
 * </pre>
 * Without the feature mask, the own-modality prototype (closest to f while a modality gap exists) would take most
 * of the probability and the gradient would mostly push f away from its own modality's prototype instead of toward
 * the other one.
 *
 * <h2>Layout</h2>
 * The logits have {@code 2C} columns, interleaved: column {@code 2c + m'} is {@code u_(c,m')} for modality
 * m' ∈ {0, 1}. The target is the column of the other modality's prototype, {@link #target(int, int)
 * target(y, m)} {@code = 2y + (1 − m)}; its partner column {@code target ^ 1} = (y, m) is the feature-masked one
 * (gradient exactly 0, its value never read). An odd number of columns is rejected.
 *
 * <p>What is not in this class: the paper's absolute-similarity term {@code (1 − cos(f, p_(y,m̄)))²} and its
 * asynchronous prototype update (prototypes trained only by own-modality cross-entropy on detached features) act
 * on features and prototypes, not logits; notebook 10 shows the prototype update with plain {@link CrossEntropy}.
 * The authors' code subtracts 50 from the masked logit; we drop it (the −∞ limit).
 */
public final class SaSoftmaxLoss extends RowLoss {

    private final CrossEntropy crossEntropy = CrossEntropy.plain();

    /** The column of the other modality's prototype of identity {@code identity}, for a sample in {@code modality}. */
    public static int target(int identity, int modality) {
        if (identity < 0 || modality < 0 || modality > 1) {
            throw new IllegalArgumentException("identity must be >= 0 and modality 0 or 1, got identity " + identity
                    + ", modality " + modality);
        }
        return 2 * identity + 1 - modality;
    }

    @Override
    public String name() {
        return "sa-softmax";
    }

    @Override
    protected boolean hides(int col, int target) {
        return col == (target ^ 1);
    }

    @Override
    protected void checkShape(Shape shape) {
        if (shape.cols() % 2 != 0) {
            throw new IllegalArgumentException("shape.cols() must be even (two prototypes per identity), got "
                    + shape.cols());
        }
    }

    @Override
    protected double row(double[] x, int n, int t, double[] grad) {
        return crossEntropy.row(x, n, t, grad);
    }

    @Override
    protected double row(float[] x, int n, int t, float[] grad) {
        return crossEntropy.row(x, n, t, grad);
    }
}
