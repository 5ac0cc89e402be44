package io.github.softmaxlab.normalize;

/**
 * Second-order Taylor-softmax: {@code p_i = T(z_i) / Σ_j T(z_j)} with {@code T(x) = 1 + x + x²/2}, the exponential's
 * Taylor polynomial, as TaylorShift uses it in attention (Nauen, Palacio, Dengel, arXiv 2403.02920, ICPR 2024;
 * spec part 2, §1(b): {@code T(x) = a x² + b x + c} with default (a, b, c) = (1/2, 1, 1)). Since
 * {@code T(x) = ((x + 1)² + 1)/2 ≥ 1/2}, every weight is positive and no row is ever empty; rows sum to 1. Near
 * 0 it is softmax to second order ({@code |z| ≤ 0.1} gives about 3e-6 difference).
 *
 * <p><b>Extreme scores (spec errata).</b> Computed directly, {@code z²/2} overflows float32 for |z| ≳ 2.6e19 (the
 * contract's ±1e30 gives ∞/∞ = NaN) and float64 for |z| ≳ 1.9e154. This class computes the <em>scaled form</em>
 * instead, for both precisions: with {@code s = max(1, max_j |z_j|)}, {@code T(z)/s² = ½(z/s)² + (z/s)/s + 1/s²},
 * whose ratio is the same and whose terms stay in [0, 2] for every finite input. This is the guard of the authors'
 * direct form, which divides each row by {@code T(max |x|)}. So {@code [1e30, 0, −1e30]} gives {@code [½, 0, ½]}
 * (to 1e-30): Taylor-softmax is even in the large-|z| limit, unlike softmax.
 *
 * <p><b>−∞.</b> {@code T(−∞) = +∞}, which would take the whole row; the library's rule that −∞ means "weight 0"
 * wins, so −∞ acts as a mask (the authors never mask with −∞ either, they use explicit zero weights).
 *
 * <p>Backward: {@code dz_k = T'(z_k)/S · (dp_k − ⟨dp, p⟩)} with {@code T'(x) = 1 + x}, S = Σ T(z_j); in the scaled
 * form {@code T'(z)/s² = (z/s)/s + 1/s²} and S/s², so the scale cancels.
 */
public final class TaylorSoftmax extends RowwiseNormalizer {

    @Override
    public String name() {
        return "taylor-softmax";
    }

    /** The row's scale s = max(1, max |z|): terms of the scaled form stay in [0, 2]. */
    private static double scale(double[] z, int n) {
        double s = 1;
        for (int i = 0; i < n; i++) {
            s = Math.max(s, Math.abs(z[i]));
        }
        return s;
    }

    @Override
    void forwardRow(double[] z, double[] w, int n, Row row) {
        double s = scale(z, n);
        double inv2 = 1 / s / s;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double u = z[i] / s;
            w[i] = 0.5 * u * u + u / s + inv2;
            sum += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= sum;
        }
    }

    @Override
    void backwardRow(double[] z, double[] w, double[] gw, double[] gz, int n, Row row) {
        double s = scale(z, n);
        double inv2 = 1 / s / s;
        double sum = 0;
        double dot = 0;
        for (int i = 0; i < n; i++) {
            double u = z[i] / s;
            sum += 0.5 * u * u + u / s + inv2;
            dot += gw[i] * w[i];
        }
        for (int i = 0; i < n; i++) {
            gz[i] = (z[i] / s / s + inv2) / sum * (gw[i] - dot);
        }
    }
}
