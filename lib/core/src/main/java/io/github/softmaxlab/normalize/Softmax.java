package io.github.softmaxlab.normalize;

import io.github.softmaxlab.core.Check;
import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.kernel.OnlineSoftmax;
import io.github.softmaxlab.kernel.SoftmaxKernel;
import io.github.softmaxlab.kernel.TwoPassSoftmax;
import io.github.softmaxlab.kernel.reference.OnlineSoftmaxReference;
import io.github.softmaxlab.kernel.reference.SoftmaxReference;
import io.github.softmaxlab.kernel.reference.TwoPassSoftmaxReference;

/**
 * Softmax with temperature: {@code p_i = exp(z_i / T) / Σ_j exp(z_j / T)}, computed safely (the row maximum is
 * subtracted, so ±1e30 and −∞ are fine). T = 1 is the standard softmax; T &lt; 1 sharpens, T &gt; 1 flattens.
 *
 * <p>Backward: {@code dz = (1/T) · p ⊙ (dp − ⟨dp, p⟩)}, the Jacobian {@code (diag p − p pᵀ)/T} applied to dp. It is
 * the same for every algorithm below, since they compute the same function.
 *
 * <p>Three algorithms compute the same function and can be swapped to compare them, each with a float32 kernel and
 * its float64 twin:
 * <ul>
 *   <li>{@link Algorithm#THREE_PASS} (default): max, sum, scale ({@link SoftmaxKernel});
 *   <li>{@link Algorithm#ONLINE}: Milakov &amp; Gimelshein's online normalizer ({@link OnlineSoftmaxNormalizer});
 *   <li>{@link Algorithm#TWO_PASS}: Dukhan &amp; Ablavatski's (mantissa, exponent) sums
 *       ({@link TwoPassSoftmaxNormalizer}).
 * </ul>
 * With T ≠ 1 each row is first rewritten as {@code (z − max z)/T}, because {@code z/T} alone can overflow for huge
 * z and small T; this costs the online and two-pass forms the pass they save.
 */
public sealed class Softmax implements Normalizer permits OnlineSoftmaxNormalizer, TwoPassSoftmaxNormalizer {

    /** Which kernel computes each row. */
    public enum Algorithm {
        /** Max, sum, scale: {@link SoftmaxKernel}, twin {@link SoftmaxReference}. */
        THREE_PASS(SoftmaxKernel::softmax, SoftmaxReference::softmax),
        /** One pass for max and normalizer together, then scale: {@link OnlineSoftmax}. */
        ONLINE(OnlineSoftmax::softmax, OnlineSoftmaxReference::softmax),
        /** (mantissa, exponent) sums, no max pass: {@link TwoPassSoftmax}. */
        TWO_PASS(TwoPassSoftmax::softmax, TwoPassSoftmaxReference::softmax);

        private final FloatRow kernel;
        private final DoubleRow reference;

        Algorithm(FloatRow kernel, DoubleRow reference) {
            this.kernel = kernel;
            this.reference = reference;
        }
    }

    /** A softmax of {@code x[xOff .. xOff+n)} into y, float32. */
    @FunctionalInterface
    interface FloatRow {
        void softmax(float[] x, int xOff, float[] y, int yOff, int n);
    }

    /** A softmax of {@code x[xOff .. xOff+n)} into y, float64. */
    @FunctionalInterface
    interface DoubleRow {
        void softmax(double[] x, int xOff, double[] y, int yOff, int n);
    }

    private final double temperature;
    private final Algorithm algorithm;

    Softmax(double temperature, Algorithm algorithm) {
        Check.positiveFinite("temperature", temperature);
        this.temperature = temperature;
        this.algorithm = Check.notNull("algorithm", algorithm);
    }

    /** The standard softmax (T = 1, three-pass kernel). */
    public static Softmax standard() {
        return new Softmax(1, Algorithm.THREE_PASS);
    }

    /** Softmax of {@code z / temperature}, temperature finite and &gt; 0. */
    public static Softmax withTemperature(double temperature) {
        return new Softmax(temperature, Algorithm.THREE_PASS);
    }

    /**
     * The same function computed by another algorithm: an {@link OnlineSoftmaxNormalizer} or a
     * {@link TwoPassSoftmaxNormalizer} for those two.
     */
    public Softmax using(Algorithm other) {
        return switch (Check.notNull("algorithm", other)) {
            case THREE_PASS -> new Softmax(temperature, other);
            case ONLINE -> new OnlineSoftmaxNormalizer(temperature);
            case TWO_PASS -> new TwoPassSoftmaxNormalizer(temperature);
        };
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
        MaskedRows.zeroing(shape, mask, weights).map(new float[][] {scores, weights}, (a, off, n, row) -> {
            float[] x = a[0];
            if (invT != 1f) {
                Temperature.shiftAndScale(a[0], a[1], off, n, invT);
                x = a[1];
            }
            algorithm.kernel.softmax(x, off, a[1], off, n);
        });
    }

    @Override
    public void forward(double[] scores, double[] weights, Shape shape, Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"scores", "weights"}, new int[] {scores.length, weights.length});
        ScoreCheck.scores("scores", scores, shape, mask);
        double invT = 1 / temperature;
        MaskedRows.zeroing(shape, mask, weights).map(new double[][] {scores, weights}, (a, off, n, row) -> {
            double[] x = a[0];
            if (invT != 1) {
                Temperature.shiftAndScale(a[0], a[1], off, n, invT);
                x = a[1];
            }
            algorithm.reference.softmax(x, off, a[1], off, n);
        });
    }

    @Override
    public void backward(float[] scores, float[] weights, float[] gradWeights, float[] gradScores, Shape shape,
            Mask mask) {
        checkBackward(scores.length, weights.length, gradWeights.length, gradScores.length, shape, mask);
        float invT = (float) (1 / temperature);
        MaskedRows.zeroing(shape, mask, gradScores).map(new float[][] {weights, gradWeights, gradScores},
                (a, off, n, row) -> SoftmaxKernel.softmaxBackward(a[0], off, a[1], off, a[2], off, n, invT));
    }

    @Override
    public void backward(double[] scores, double[] weights, double[] gradWeights, double[] gradScores, Shape shape,
            Mask mask) {
        checkBackward(scores.length, weights.length, gradWeights.length, gradScores.length, shape, mask);
        double invT = 1 / temperature;
        MaskedRows.zeroing(shape, mask, gradScores).map(new double[][] {weights, gradWeights, gradScores},
                (a, off, n, row) -> SoftmaxReference.softmaxBackward(a[0], off, a[1], off, a[2], off, n, invT));
    }

    private static void checkBackward(int scores, int weights, int gradWeights, int gradScores, Shape shape,
            Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"scores", "weights", "gradWeights", "gradScores"},
                new int[] {scores, weights, gradWeights, gradScores});
    }

    @Override
    public String toString() {
        return name();
    }
}
