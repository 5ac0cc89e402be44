package io.github.softmaxlab.kernel;

/**
 * The textbook safe softmax, one scalar at a time with {@link Math#exp}: three passes (max, sum of exponentials,
 * scale). It is the "naive" peer that benchmarks and notebooks compare the vectorised kernels against, and it is
 * deliberately left unoptimised.
 */
public final class ScalarSoftmax {

    private ScalarSoftmax() {
    }

    /** {@code y[i] = exp(x[i] − max x) / Σ_j exp(x[j] − max x)} over {@code n} entries; zeros if all are −∞. */
    public static void softmax(float[] x, int xOff, float[] y, int yOff, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[xOff + i]);
        }
        if (max == Float.NEGATIVE_INFINITY) {
            java.util.Arrays.fill(y, yOff, yOff + n, 0f);
            return;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(x[xOff + i] - max);
        }
        double inv = 1.0 / sum;
        for (int i = 0; i < n; i++) {
            y[yOff + i] = (float) (Math.exp(x[xOff + i] - max) * inv);
        }
    }
}
