package io.github.softmaxlab.kernel.reference;

import java.util.Arrays;

/**
 * Float64 twin of {@link io.github.softmaxlab.kernel.SoftmaxKernel} and
 * {@link io.github.softmaxlab.kernel.ScalarSoftmax}: the safe softmax and its relatives in plain loops, written to
 * be obviously right rather than fast. Every float32 kernel is tested against {@link #softmax}, the spec's
 * reference, and {@link io.github.softmaxlab.normalize.Softmax#standard()}'s float64 path runs on it.
 *
 * <p>Safe softmax: {@code y_i = exp(x_i − max x) / Σ_j exp(x_j − max x)}. An empty or all −∞ row gives zeros
 * (log-softmax: all −∞), the library's convention for a fully masked row.
 */
public final class SoftmaxReference {

    private SoftmaxReference() {
    }

    public static double max(double[] x, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }
        return max;
    }

    public static double logSumExp(double[] x, int off, int n) {
        double max = max(x, off, n);
        return max == Double.NEGATIVE_INFINITY ? max : max + logSumShifted(x, off, n, max);
    }

    /** {@code log Σ exp(x_i − max)}, in [0, log n]. */
    private static double logSumShifted(double[] x, int off, int n, double max) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(x[off + i] - max);
        }
        return Math.log(sum);
    }

    public static void softmax(double[] x, int xOff, double[] y, int yOff, int n) {
        double max = max(x, xOff, n);
        if (max == Double.NEGATIVE_INFINITY) {
            Arrays.fill(y, yOff, yOff + n, 0.0);
            return;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.exp(x[xOff + i] - max);
            sum += y[yOff + i];
        }
        for (int i = 0; i < n; i++) {
            y[yOff + i] /= sum;
        }
    }

    /**
     * {@code y_i = (x_i − max) − log Σ exp(x_j − max)}: subtracting the max first keeps rows like (−1e30, −1e30)
     * exact, where {@code x_i − logsumexp(x)} would round the log away.
     */
    public static void logSoftmax(double[] x, int xOff, double[] y, int yOff, int n) {
        double max = max(x, xOff, n);
        if (max == Double.NEGATIVE_INFINITY) {
            Arrays.fill(y, yOff, yOff + n, Double.NEGATIVE_INFINITY);
            return;
        }
        double logSum = logSumShifted(x, xOff, n, max);
        for (int i = 0; i < n; i++) {
            y[yOff + i] = (x[xOff + i] - max) - logSum;
        }
    }

    /** {@code dx = y ⊙ (dy − ⟨dy, y⟩)}. */
    public static void softmaxBackward(double[] y, int yOff, double[] dy, int dyOff, double[] dx, int dxOff, int n) {
        softmaxBackward(y, yOff, dy, dyOff, dx, dxOff, n, 1);
    }

    /** {@code dx = scale · y ⊙ (dy − ⟨dy, y⟩)}: the VJP of {@code softmax(scale · x)}. */
    public static void softmaxBackward(double[] y, int yOff, double[] dy, int dyOff, double[] dx, int dxOff, int n,
            double scale) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
            dot += y[yOff + i] * dy[dyOff + i];
        }
        for (int i = 0; i < n; i++) {
            dx[dxOff + i] = scale * y[yOff + i] * (dy[dyOff + i] - dot);
        }
    }

    /**
     * {@code dx = dy − exp(y) · Σ dy}, y being the log-softmax output; entries with {@code y = −∞} count as masked
     * (dx = 0, dy left out of the sum).
     */
    public static void logSoftmaxBackward(double[] y, int yOff, double[] dy, int dyOff, double[] dx, int dxOff,
            int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += y[yOff + i] == Double.NEGATIVE_INFINITY ? 0 : dy[dyOff + i];
        }
        for (int i = 0; i < n; i++) {
            dx[dxOff + i] = y[yOff + i] == Double.NEGATIVE_INFINITY ? 0 : dy[dyOff + i] - Math.exp(y[yOff + i]) * sum;
        }
    }
}
