package io.github.softmaxlab.loss;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Parameter;
import io.github.softmaxlab.core.Shape;
import java.util.List;

/**
 * A classification loss on rows of logits with one integer target per row: cross-entropy (with label smoothing),
 * the spherical family and its Z-loss, SA-Softmax, the logistic-softmax likelihood, and PaLM's auxiliary z-loss.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Logits are {@code shape.rows() × shape.cols()} (rows = samples, cols = classes), row-major.
 *   <li>The loss is the <b>mean over rows</b>; {@code backward} writes d(mean loss)/d(logits), so a training loop
 *       needs no extra scaling.
 *   <li>A {@link Mask} hides classes per row (e.g. classes of other tasks in continual learning). Masked logits get
 *       gradient 0, and a row's target must be visible.
 *   <li>Bad input (wrong lengths, a target outside {@code [0, classes)} or masked, NaN or ±∞ logits) gets an
 *       {@link IllegalArgumentException} naming the argument and the value.
 *   <li>Two precisions as in {@link io.github.softmaxlab.normalize.Normalizer}: float32 fast path, float64
 *       reference path for gradient checks.
 * </ul>
 */
public interface Loss {

    /** Short name for plots and tables. */
    String name();

    /** Mean loss over the rows. */
    double forward(float[] logits, int[] targets, Shape shape, Mask mask);

    /** Writes d(mean loss)/d(logits) into {@code gradLogits} and accumulates parameter gradients. */
    void backward(float[] logits, int[] targets, float[] gradLogits, Shape shape, Mask mask);

    /** Float64 reference twin of {@link #forward(float[], int[], Shape, Mask)}. */
    double forward(double[] logits, int[] targets, Shape shape, Mask mask);

    /** Float64 reference twin of {@link #backward(float[], int[], float[], Shape, Mask)}. */
    void backward(double[] logits, int[] targets, double[] gradLogits, Shape shape, Mask mask);

    /** Learnable parameters, empty for most losses. */
    default List<Parameter> parameters() {
        return List.of();
    }
}
