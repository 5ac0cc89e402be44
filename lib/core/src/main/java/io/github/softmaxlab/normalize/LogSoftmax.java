package io.github.softmaxlab.normalize;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.kernel.SoftmaxKernel;
import io.github.softmaxlab.kernel.reference.SoftmaxReference;

/**
 * Log-softmax, row by row: {@code y_i = z_i − log Σ_j exp(z_j)}, computed as
 * {@code (z_i − m) − log Σ_j exp(z_j − m)} with {@code m = max z}, so it never overflows and rows like
 * (−1e30, −1e30) stay exact. It is what cross-entropy needs: the loss is {@code −y_target}.
 *
 * <p>Backward: {@code dz = dy − softmax(z) · Σ_i dy_i}, with {@code softmax(z) = exp(y)} read off the output.
 *
 * <p>Masks: a masked entry is left out of the sum; its output is <b>−∞</b> (the log of weight 0) and its gradient
 * 0. A fully masked row gives all −∞ and a zero gradient. A score of −∞ acts like a mask: output −∞, gradient 0,
 * and its upstream gradient is ignored. (This differs from {@link Normalizer}s, whose masked weights are 0.)
 *
 * <p>Arrays are {@code shape.rows() × shape.cols()}, row-major; bad input gets an {@link IllegalArgumentException}
 * naming the argument, as for {@link Normalizer}.
 */
public final class LogSoftmax {

    private LogSoftmax() {
    }

    /** {@code out = logSoftmax(scores)} row by row; masked entries −∞. */
    public static void forward(float[] scores, float[] out, Shape shape, Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"scores", "out"}, new int[] {scores.length, out.length});
        ScoreCheck.scores("scores", scores, shape, mask);
        MaskedRows.filling(shape, mask, out, Float.NEGATIVE_INFINITY).map(new float[][] {scores, out},
                (a, off, n, row) -> SoftmaxKernel.logSoftmax(a[0], off, a[1], off, n));
    }

    /** Writes dL/dscores from dL/dout, given the {@code out} of {@link #forward}. */
    public static void backward(float[] out, float[] gradOut, float[] gradScores, Shape shape, Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"out", "gradOut", "gradScores"},
                new int[] {out.length, gradOut.length, gradScores.length});
        MaskedRows.zeroing(shape, mask, gradScores).map(new float[][] {out, gradOut, gradScores},
                (a, off, n, row) -> SoftmaxKernel.logSoftmaxBackward(a[0], off, a[1], off, a[2], off, n));
    }

    /** Float64 twin of {@link #forward(float[], float[], Shape, Mask)}. */
    public static void forward(double[] scores, double[] out, Shape shape, Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"scores", "out"}, new int[] {scores.length, out.length});
        ScoreCheck.scores("scores", scores, shape, mask);
        MaskedRows.filling(shape, mask, out, Float.NEGATIVE_INFINITY).map(new double[][] {scores, out},
                (a, off, n, row) -> SoftmaxReference.logSoftmax(a[0], off, a[1], off, n));
    }

    /** Float64 twin of {@link #backward(float[], float[], float[], Shape, Mask)}. */
    public static void backward(double[] out, double[] gradOut, double[] gradScores, Shape shape, Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"out", "gradOut", "gradScores"},
                new int[] {out.length, gradOut.length, gradScores.length});
        MaskedRows.zeroing(shape, mask, gradScores).map(new double[][] {out, gradOut, gradScores},
                (a, off, n, row) -> SoftmaxReference.logSoftmaxBackward(a[0], off, a[1], off, a[2], off, n));
    }
}
