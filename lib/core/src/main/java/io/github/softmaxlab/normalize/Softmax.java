package io.github.softmaxlab.normalize;

import io.github.softmaxlab.core.Check;
import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.kernel.OnlineSoftmax;
import io.github.softmaxlab.kernel.SoftmaxKernel;
import io.github.softmaxlab.kernel.TwoPassSoftmax;
import io.github.softmaxlab.kernel.reference.SoftmaxReference;

/**
 * Softmax with temperature: {@code p_i = exp(z_i / T) / Σ_j exp(z_j / T)}, computed safely (the row maximum is
 * subtracted, so ±1e30 and −∞ are fine). T = 1 is the standard softmax; T &lt; 1 sharpens, T &gt; 1 flattens.
 *
 * <p>Backward: {@code dz = (1/T) · p ⊙ (dp − ⟨dp, p⟩)}, the Jacobian {@code (diag p − p pᵀ)/T} applied to dp.
 *
 * <p>Three float32 algorithms compute the same function and can be swapped to compare them:
 * {@link Algorithm#THREE_PASS} (default), {@link Algorithm#ONLINE} (Milakov &amp; Gimelshein 2018) and
 * {@link Algorithm#TWO_PASS} (Dukhan &amp; Ablavatski 2020). The float64 path is always the plain safe softmax.
 */
public final class Softmax implements Normalizer {

    /** Which float32 kernel computes the row. */
    public enum Algorithm {
        /** Max, sum, scale: {@link SoftmaxKernel}. */
        THREE_PASS,
        /** One pass for max and normalizer together, then scale: {@link OnlineSoftmax}. */
        ONLINE,
        /** (mantissa, exponent) sums, no max pass: {@link TwoPassSoftmax}. */
        TWO_PASS
    }

    private final double temperature;
    private final Algorithm algorithm;

    private Softmax(double temperature, Algorithm algorithm) {
        Check.positiveFinite("temperature", temperature);
        this.temperature = temperature;
        this.algorithm = Check.notNull("algorithm", algorithm);
    }

    /** The standard softmax (T = 1, three-pass kernel). */
    public static Softmax standard() {
        return new Softmax(1, Algorithm.THREE_PASS);
    }

    /** Softmax of {@code z / temperature}. */
    public static Softmax withTemperature(double temperature) {
        return new Softmax(temperature, Algorithm.THREE_PASS);
    }

    /** The same function computed by another float32 kernel. */
    public Softmax using(Algorithm other) {
        return new Softmax(temperature, other);
    }

    public double temperature() {
        return temperature;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    @Override
    public String name() {
        String base = temperature == 1 ? "softmax" : "softmax(T=" + temperature + ")";
        return algorithm == Algorithm.THREE_PASS ? base : base + "[" + algorithm.name().toLowerCase() + "]";
    }

    @Override
    public void forward(float[] scores, float[] weights, Shape shape, Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"scores", "weights"}, new int[] {scores.length, weights.length});
        ScoreCheck.scores("scores", scores, shape, mask);
        float invT = (float) (1 / temperature);
        new MaskedRows<>(shape, mask, weights).run(new float[][] {scores, weights}, (a, off, n, row) -> {
            float[] x = a[0];
            if (invT != 1f) {
                // softmax(z/T) = softmax((z − max z)/T): shifting first keeps z/T from overflowing for huge z.
                float max = SoftmaxKernel.max(x, off, n);
                for (int i = 0; i < n; i++) {
                    a[1][off + i] = max == Float.NEGATIVE_INFINITY ? max : (x[off + i] - max) * invT;
                }
                x = a[1];
            }
            switch (algorithm) {
                case THREE_PASS -> SoftmaxKernel.softmax(x, off, a[1], off, n);
                case ONLINE -> OnlineSoftmax.softmax(x, off, a[1], off, n);
                case TWO_PASS -> TwoPassSoftmax.softmax(x, off, a[1], off, n);
            }
        });
    }

    @Override
    public void backward(float[] scores, float[] weights, float[] gradWeights, float[] gradScores, Shape shape,
            Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"weights", "gradWeights", "gradScores"},
                new int[] {weights.length, gradWeights.length, gradScores.length});
        float invT = (float) (1 / temperature);
        new MaskedRows<>(shape, mask, gradScores).run(new float[][] {weights, gradWeights, gradScores},
                (a, off, n, row) -> {
                    SoftmaxKernel.softmaxBackward(a[0], off, a[1], off, a[2], off, n);
                    if (invT != 1f) {
                        for (int i = 0; i < n; i++) {
                            a[2][off + i] *= invT;
                        }
                    }
                });
    }

    @Override
    public void forward(double[] scores, double[] weights, Shape shape, Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"scores", "weights"}, new int[] {scores.length, weights.length});
        ScoreCheck.scores("scores", scores, shape, mask);
        double invT = 1 / temperature;
        new MaskedRows<>(shape, mask, weights).run(new double[][] {scores, weights}, (a, off, n, row) -> {
            double max = SoftmaxReference.max(a[0], off, n);
            for (int i = 0; i < n; i++) {
                a[1][off + i] = max == Double.NEGATIVE_INFINITY ? max : (a[0][off + i] - max) * invT;
            }
            SoftmaxReference.softmax(a[1], off, a[1], off, n);
        });
    }

    @Override
    public void backward(double[] scores, double[] weights, double[] gradWeights, double[] gradScores, Shape shape,
            Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"weights", "gradWeights", "gradScores"},
                new int[] {weights.length, gradWeights.length, gradScores.length});
        double invT = 1 / temperature;
        new MaskedRows<>(shape, mask, gradScores).run(new double[][] {weights, gradWeights, gradScores},
                (a, off, n, row) -> {
                    SoftmaxReference.softmaxBackward(a[0], off, a[1], off, a[2], off, n);
                    for (int i = 0; i < n; i++) {
                        a[2][off + i] *= invT;
                    }
                });
    }

    @Override
    public String toString() {
        return name();
    }
}
