package io.github.softmaxlab.normalize;

import io.github.softmaxlab.core.Check;

/**
 * 1.5-entmax (Peters, Niculae &amp; Martins, ACL 2019, arXiv 1905.05702), halfway between softmax (α = 1) and
 * sparsemax (α = 2): {@code p_i = [z_i/2 − τ]₊²}, with τ chosen so that the row sums to 1. It gives exact zeros
 * like sparsemax, yet its Jacobian is continuous: an entry enters the support with {@code ∂p_i/∂z_i = s_i = 0}, so
 * it has no kinks where sparsemax has them (its second derivative still jumps there). Scaling by 1/2 = α − 1 follows the paper and the
 * deep-spin {@code entmax15} reference.
 *
 * <p>Two algorithms compute τ, swapped with {@link #using(Algorithm)}:
 * <ul>
 *   <li>{@link Algorithm#SORT} (the paper's Algorithm 2, exact): with {@code x = z/2} sorted decreasingly, for
 *       each prefix of size k let {@code μ_k} be its mean and {@code M_k = Σ_{j≤k} (x₍ⱼ₎ − μ_k)²}; the candidate
 *       {@code τ_k = μ_k − sqrt(max(0, (1 − M_k)/k))} solves {@code Σ_{j≤k}(x₍ⱼ₎ − τ)² = 1}. The support size is the
 *       largest k with {@code τ_k ≤ x₍ₖ₎}. M_k is updated with Welford's recurrence, which does not cancel.
 *   <li>{@link Algorithm#BISECTION}: {@code f(τ) = Σ [x_i − τ]₊² − 1} is decreasing, {@code f(max x − 1) ≥ 0} and
 *       {@code f(max x − sqrt(1/n)) ≤ 0}; halve that bracket until it stops shrinking in float64, then renormalise.
 * </ul>
 *
 * <p><b>Backward</b> (closed-form Jacobian on the support, paper §3.3): with {@code s_i = sqrt(p_i)} (zero off the
 * support), {@code ∂p_i/∂z_j = s_i δ_ij − s_i s_j / Σ_k s_k}, so {@code dz = s ⊙ g − s · ⟨s, g⟩ / Σ s}.
 */
public final class Entmax15 extends RowwiseNormalizer {

    /** How τ is found. */
    public enum Algorithm {
        /** Exact, sort-based: O(n log n). */
        SORT,
        /** Bisection on τ: O(n · iterations), no sort. */
        BISECTION
    }

    private final Algorithm algorithm;

    private Entmax15(Algorithm algorithm) {
        this.algorithm = Check.notNull("algorithm", algorithm);
    }

    /** 1.5-entmax with the exact sort-based threshold. */
    public static Entmax15 sortBased() {
        return new Entmax15(Algorithm.SORT);
    }

    /** 1.5-entmax with the threshold found by bisection. */
    public static Entmax15 bisection() {
        return new Entmax15(Algorithm.BISECTION);
    }

    /** The same function computed by another algorithm. */
    public Entmax15 using(Algorithm other) {
        return new Entmax15(other);
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    /** Shift-invariant: each row arrives with maximum 0, which keeps rows of ±1e30 finite. */
    @Override
    boolean shiftsByMax() {
        return true;
    }

    @Override
    public String name() {
        return algorithm == Algorithm.SORT ? "entmax-1.5" : "entmax-1.5[bisection]";
    }

    /** The threshold τ (on the halved scores x = z/2) of {@code z[0..m)}, m ≥ 1, entries finite. */
    public double threshold(double[] z, int m) {
        return algorithm == Algorithm.SORT ? sortThreshold(z, m) : bisectionThreshold(z, m);
    }

    private static double sortThreshold(double[] z, int m) {
        double[] sorted = SortedRows.descending(z, m);
        double mean = 0;
        double m2 = 0;
        double tau = sorted[0] / 2 - 1;
        for (int k = 1; k <= m; k++) {
            double x = sorted[k - 1] / 2;
            double delta = x - mean;
            mean += delta / k;
            m2 += delta * (x - mean);
            double candidate = mean - Math.sqrt(Math.max(0, (1 - m2) / k));
            if (candidate <= x) {
                tau = candidate;
            }
        }
        return tau;
    }

    private static double bisectionThreshold(double[] z, int m) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            max = Math.max(max, z[i] / 2);
        }
        double lo = max - 1;
        double hi = max - Math.sqrt(1.0 / m);
        for (int iter = 0; iter < 200; iter++) {
            double mid = (lo + hi) / 2;
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (mass(z, m, mid) >= 1) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double mass(double[] z, int m, double tau) {
        double sum = 0;
        for (int i = 0; i < m; i++) {
            double s = Math.max(z[i] / 2 - tau, 0);
            sum += s * s;
        }
        return sum;
    }

    @Override
    void forwardRow(double[] z, double[] p, int m, Row row) {
        double tau = threshold(z, m);
        double sum = 0;
        for (int i = 0; i < m; i++) {
            double s = Math.max(z[i] / 2 - tau, 0);
            p[i] = s * s;
            sum += p[i];
        }
        if (algorithm == Algorithm.BISECTION) {
            // τ is exact to float64 resolution; renormalising removes the last rounding of the mass.
            for (int i = 0; i < m; i++) {
                p[i] /= sum;
            }
        }
    }

    @Override
    void backwardRow(double[] z, double[] p, double[] g, double[] dz, int m, Row row) {
        double sumS = 0;
        double sumSg = 0;
        for (int i = 0; i < m; i++) {
            double s = Math.sqrt(p[i]);
            sumS += s;
            sumSg += s * g[i];
        }
        double q = sumS == 0 ? 0 : sumSg / sumS;
        for (int i = 0; i < m; i++) {
            dz[i] = Math.sqrt(p[i]) * (g[i] - q);
        }
    }
}
