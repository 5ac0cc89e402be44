package io.github.softmaxlab.loss;

import io.github.softmaxlab.core.Check;

/**
 * The spherical-family shortcut behind the Z-loss's speed claim (de Brébisson &amp; Vincent, arXiv 1604.08859, after
 * Vincent, de Brébisson &amp; Bouthillier, NeurIPS 2015). A spherical-family loss depends on the outputs
 * {@code o = W h} (W: D classes × d) only through {@code Σ_k o_k}, {@code Σ_k o_k²} and {@code o_c}. Keeping
 * <pre>
 *   w̄ = Wᵀ 1  (d values),     G = Wᵀ W  (d × d),
 * </pre>
 * gives {@code Σ o = w̄·h} and {@code Σ o² = hᵀ G h} in O(d²), and {@code o_c = W_c·h} in O(d): independent of the
 * number of classes D, where computing o costs O(D d).
 *
 * <p>This class provides the forward statistics, built once from a fixed W in O(D d²). The paper's training also
 * updates W implicitly (through a factorisation W = V U with O(d²) updates of G and w̄); that update is out of
 * this class's scope, which is why notebook 09 does not claim the paper's end-to-end speed-up.
 */
public final class SphericalStatistics {

    /** The three numbers a spherical-family loss needs for one example. */
    public record Stats(double sum, double sumOfSquares, double target) {

        /** The Z-loss from these statistics, over {@code classes} outputs (population variance, as in ZLoss). */
        public double zLoss(ZLoss loss, int classes) {
            double mean = sum / classes;
            double var = Math.max(0, sumOfSquares / classes - mean * mean);
            double z = var > 0 ? (target - mean) / Math.sqrt(var) : 0;
            return RowMath.softplus(loss.a() * (loss.b() - z)) / loss.a();
        }
    }

    private final float[] weight;
    private final int classes;
    private final int dim;
    private final double[] columnSums;
    private final double[] gram;

    private SphericalStatistics(float[] weight, int classes, int dim) {
        Check.positive("classes", classes);
        Check.positive("dim", dim);
        Check.sameLength("weight", weight.length, "classes × dim", classes * dim);
        this.weight = weight;
        this.classes = classes;
        this.dim = dim;
        this.columnSums = new double[dim];
        this.gram = new double[dim * dim];
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < dim; i++) {
                double wi = weight[k * dim + i];
                columnSums[i] += wi;
                for (int j = 0; j < dim; j++) {
                    gram[i * dim + j] += wi * weight[k * dim + j];
                }
            }
        }
    }

    /** Precomputes w̄ and G for {@code weight} ({@code classes × dim}, row-major; kept by reference, not copied). */
    public static SphericalStatistics of(float[] weight, int classes, int dim) {
        return new SphericalStatistics(weight, classes, dim);
    }

    /** The statistics of {@code o = W h} for target class {@code c}, in O(d²). */
    public Stats fast(float[] h, int c) {
        Check.sameLength("h", h.length, "dim", dim);
        Check.inRange("c", c, 0, classes - 1);
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < dim; i++) {
            sum += columnSums[i] * h[i];
            double row = 0;
            for (int j = 0; j < dim; j++) {
                row += gram[i * dim + j] * h[j];
            }
            squares += h[i] * row;
        }
        return new Stats(sum, squares, output(h, c));
    }

    /** The same statistics computed the direct way, all D outputs, in O(D d): the reference and the baseline. */
    public Stats direct(float[] h, int c) {
        Check.sameLength("h", h.length, "dim", dim);
        Check.inRange("c", c, 0, classes - 1);
        double sum = 0;
        double squares = 0;
        for (int k = 0; k < classes; k++) {
            double o = output(h, k);
            sum += o;
            squares += o * o;
        }
        return new Stats(sum, squares, output(h, c));
    }

    private double output(float[] h, int k) {
        double o = 0;
        for (int i = 0; i < dim; i++) {
            o += (double) weight[k * dim + i] * h[i];
        }
        return o;
    }
}
