package io.github.softmaxlab.normalize;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Parameter;
import io.github.softmaxlab.core.Shape;
import java.util.List;

/**
 * Maps a batch of score rows to a batch of weight rows: softmax and every alternative from the papers (SSMax,
 * MultiMax, sparsemax, entmax, r-softmax, Taylor-softmax, …). Attention takes a {@code Normalizer} as a plug-in, so
 * swapping softmax for SSMax is one argument.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Scores are {@code shape.rows() × shape.cols()}, row-major, in one flat array. Weights have the same layout.
 *   <li><b>Masks:</b> the normalizer applies its own transform to the raw scores first, then drops masked entries.
 *       Masked entries get weight 0 and gradient 0. A fully masked (or empty) row gives all-zero weights and a zero
 *       gradient, never NaN. A score of −∞ behaves like a masked entry.
 *   <li><b>Bad input</b> (wrong array length, NaN, +∞ scores) gets an {@link IllegalArgumentException} naming the
 *       argument and the value, before any output is written.
 *   <li>{@code backward} is a vector–Jacobian product: given dL/dweights it <em>writes</em> dL/dscores and
 *       <em>adds</em> to the gradient of each learnable {@link #parameters() parameter}. It needs the scores and the
 *       weights of the matching {@code forward} call, as most normalizers re-use their output.
 *   <li>Two precisions: the {@code float[]} methods are the fast path (Vector API kernels where it pays); the
 *       {@code double[]} methods are the float64 reference path, written for clarity, used by gradient checks and
 *       by tests that compare the two. The float64 path reads {@link Parameter#value64} and writes
 *       {@link Parameter#grad64}.
 * </ul>
 */
public interface Normalizer {

    /** Short name for plots and tables, e.g. {@code "softmax"} or {@code "ssmax(s=1)"}. */
    String name();

    /** Writes {@code weights = normalize(scores)}, row by row, honouring {@code mask}. */
    void forward(float[] scores, float[] weights, Shape shape, Mask mask);

    /** Writes {@code gradScores = (∂weights/∂scores)ᵀ · gradWeights} and accumulates parameter gradients. */
    void backward(float[] scores, float[] weights, float[] gradWeights, float[] gradScores, Shape shape, Mask mask);

    /** Float64 reference twin of {@link #forward(float[], float[], Shape, Mask)}. */
    void forward(double[] scores, double[] weights, Shape shape, Mask mask);

    /** Float64 reference twin of {@link #backward(float[], float[], float[], float[], Shape, Mask)}. */
    void backward(double[] scores, double[] weights, double[] gradWeights, double[] gradScores, Shape shape,
            Mask mask);

    /** Learnable parameters, empty for a fixed normalizer. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /** Whether each unmasked row of weights sums to 1 (false for e.g. inhibited softmax or ReLA). */
    default boolean sumsToOne() {
        return true;
    }

    /** Convenience: a new weights array from {@code scores} with no mask. */
    default float[] apply(float[] scores, Shape shape) {
        float[] weights = new float[scores.length];
        forward(scores, weights, shape, Mask.NONE);
        return weights;
    }

    /** Convenience: one row, no mask. */
    default float[] apply(float... row) {
        return apply(row, Shape.of(1, row.length));
    }

    /** Convenience: one float64 row, no mask. */
    default double[] apply(double... row) {
        double[] weights = new double[row.length];
        forward(row, weights, Shape.of(1, row.length), Mask.NONE);
        return weights;
    }
}
