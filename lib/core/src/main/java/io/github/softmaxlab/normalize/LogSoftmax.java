package io.github.softmaxlab.normalize;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.kernel.SoftmaxKernel;
import io.github.softmaxlab.kernel.reference.SoftmaxReference;
import java.util.Arrays;

/**
 * Log-softmax, row by row: {@code y_i = z_i − log Σ_j exp(z_j)}, computed as {@code z_i − m − log Σ exp(z_j − m)}
 * with {@code m = max z}, so it never overflows. It is what cross-entropy needs: {@code −y_target}.
 *
 * <p>Backward: {@code dz = dy − softmax(z) · Σ_i dy_i}, with {@code softmax(z) = exp(y)}.
 *
 * <p>Masks: a masked entry is not part of the sum; its output is <b>−∞</b> (log of weight 0) and its gradient 0.
 * A fully masked row gives all −∞ and a zero gradient. (This differs from {@link Normalizer}s, whose masked
 * weights are 0, because −∞ is the log of 0.)
 */
public final class LogSoftmax {

    private LogSoftmax() {
    }

    public static void forward(float[] scores, float[] out, Shape shape, Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"scores", "out"}, new int[] {scores.length, out.length});
        ScoreCheck.scores("scores", scores, shape, mask);
        new MaskedRows<>(shape, mask, out).run(new float[][] {scores, out},
                (a, off, n, row) -> SoftmaxKernel.logSoftmax(a[0], off, a[1], off, n));
        fillMasked(out, shape, mask);
    }

    public static void backward(float[] out, float[] gradOut, float[] gradScores, Shape shape, Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"out", "gradOut", "gradScores"},
                new int[] {out.length, gradOut.length, gradScores.length});
        new MaskedRows<>(shape, mask, gradScores).run(new float[][] {out, gradOut, gradScores},
                (a, off, n, row) -> SoftmaxKernel.logSoftmaxBackward(a[0], off, a[1], off, a[2], off, n));
    }

    public static void forward(double[] scores, double[] out, Shape shape, Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"scores", "out"}, new int[] {scores.length, out.length});
        ScoreCheck.scores("scores", scores, shape, mask);
        new MaskedRows<>(shape, mask, out).run(new double[][] {scores, out},
                (a, off, n, row) -> SoftmaxReference.logSoftmax(a[0], off, a[1], off, n));
        for (int r = 0; r < shape.rows(); r++) {
            for (int c = 0; c < shape.cols(); c++) {
                if (!mask.isVisible(shape, r, c)) {
                    out[shape.offset(r) + c] = Double.NEGATIVE_INFINITY;
                }
            }
        }
    }

    public static void backward(double[] out, double[] gradOut, double[] gradScores, Shape shape, Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"out", "gradOut", "gradScores"},
                new int[] {out.length, gradOut.length, gradScores.length});
        new MaskedRows<>(shape, mask, gradScores).run(new double[][] {out, gradOut, gradScores},
                (a, off, n, row) -> SoftmaxReference.logSoftmaxBackward(a[0], off, a[1], off, a[2], off, n));
    }

    /** Per-row log-sum-exp over the visible entries: −∞ for a fully masked row. */
    public static float[] logSumExp(float[] scores, Shape shape, Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"scores"}, new int[] {scores.length});
        ScoreCheck.scores("scores", scores, shape, mask);
        float[] lse = new float[shape.rows()];
        Arrays.fill(lse, Float.NEGATIVE_INFINITY);
        float[] ignored = new float[scores.length];
        new MaskedRows<>(shape, mask, ignored).run(new float[][] {scores, ignored},
                (a, off, n, row) -> lse[row] = SoftmaxKernel.logSumExp(a[0], off, n));
        return lse;
    }

    private static void fillMasked(float[] out, Shape shape, Mask mask) {
        for (int r = 0; r < shape.rows(); r++) {
            int p = mask.prefixLength(shape, r);
            int off = shape.offset(r);
            if (p >= 0) {
                Arrays.fill(out, off + p, off + shape.cols(), Float.NEGATIVE_INFINITY);
            } else {
                for (int c = 0; c < shape.cols(); c++) {
                    if (!mask.isVisible(shape, r, c)) {
                        out[off + c] = Float.NEGATIVE_INFINITY;
                    }
                }
            }
        }
    }
}
