package io.github.softmaxlab.normalize;

import io.github.softmaxlab.core.Check;
import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.kernel.SoftmaxKernel;
import io.github.softmaxlab.kernel.reference.SoftmaxReference;
import java.util.Arrays;

/**
 * Row-wise log-sum-exp over the visible entries: {@code lse_r = log Σ_j exp(z_rj) = m + log Σ_j exp(z_rj − m)}
 * with {@code m = max_j z_rj}, so it never overflows. One value per row; a fully masked (or all −∞, or empty) row
 * gives −∞. It is the log of softmax's normalizer, the "log-partition" of cross-entropy and of PaLM's z-loss.
 *
 * <p>Backward: {@code dz_rj = g_r · exp(z_rj − lse_r) = g_r · softmax(z_r)_j}; masked entries and rows with
 * {@code lse = −∞} get gradient 0.
 */
public final class LogSumExp {

    private LogSumExp() {
    }

    /** A new array of one log-sum-exp per row. */
    public static float[] forward(float[] scores, Shape shape, Mask mask) {
        float[] out = new float[shape.rows()];
        forward(scores, out, shape, mask);
        return out;
    }

    /** Writes {@code out[r] = lse_r}; {@code out} has {@code shape.rows()} entries. */
    public static void forward(float[] scores, float[] out, Shape shape, Mask mask) {
        checkForward(scores.length, out.length, shape, mask);
        ScoreCheck.scores("scores", scores, shape, mask);
        Arrays.fill(out, Float.NEGATIVE_INFINITY);
        MaskedRows.zeroing(shape, mask, scores).reduce(new float[][] {scores},
                (a, off, n, row) -> out[row] = SoftmaxKernel.logSumExp(a[0], off, n));
    }

    /** Writes dL/dscores from {@code gradOut[r] = dL/dlse_r}, given the {@code lse} of {@link #forward}. */
    public static void backward(float[] scores, float[] lse, float[] gradOut, float[] gradScores, Shape shape,
            Mask mask) {
        checkBackward(scores.length, lse.length, gradOut.length, gradScores.length, shape, mask);
        MaskedRows.zeroing(shape, mask, gradScores).map(new float[][] {scores, gradScores}, (a, off, n, row) -> {
            if (lse[row] == Float.NEGATIVE_INFINITY) {
                Arrays.fill(a[1], off, off + n, 0f);
            } else {
                SoftmaxKernel.scaleExp(a[0], off, a[1], off, n, lse[row], gradOut[row]);
            }
        });
    }

    /** Float64 twin of {@link #forward(float[], Shape, Mask)}. */
    public static double[] forward(double[] scores, Shape shape, Mask mask) {
        double[] out = new double[shape.rows()];
        forward(scores, out, shape, mask);
        return out;
    }

    /** Float64 twin of {@link #forward(float[], float[], Shape, Mask)}. */
    public static void forward(double[] scores, double[] out, Shape shape, Mask mask) {
        checkForward(scores.length, out.length, shape, mask);
        ScoreCheck.scores("scores", scores, shape, mask);
        Arrays.fill(out, Double.NEGATIVE_INFINITY);
        MaskedRows.zeroing(shape, mask, scores).reduce(new double[][] {scores},
                (a, off, n, row) -> out[row] = SoftmaxReference.logSumExp(a[0], off, n));
    }

    /** Float64 twin of {@link #backward(float[], float[], float[], float[], Shape, Mask)}. */
    public static void backward(double[] scores, double[] lse, double[] gradOut, double[] gradScores, Shape shape,
            Mask mask) {
        checkBackward(scores.length, lse.length, gradOut.length, gradScores.length, shape, mask);
        MaskedRows.zeroing(shape, mask, gradScores).map(new double[][] {scores, gradScores}, (a, off, n, row) -> {
            boolean empty = lse[row] == Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                a[1][off + i] = empty ? 0 : gradOut[row] * Math.exp(a[0][off + i] - lse[row]);
            }
        });
    }

    private static void checkForward(int scores, int out, Shape shape, Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"scores"}, new int[] {scores});
        Check.sameLength("out", out, "shape.rows()", shape.rows());
    }

    private static void checkBackward(int scores, int lse, int gradOut, int gradScores, Shape shape, Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"scores", "gradScores"}, new int[] {scores, gradScores});
        Check.sameLength("lse", lse, "shape.rows()", shape.rows());
        Check.sameLength("gradOut", gradOut, "shape.rows()", shape.rows());
    }
}
