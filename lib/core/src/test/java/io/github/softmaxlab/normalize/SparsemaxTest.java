package io.github.softmaxlab.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.testing.NormalizerContract;
import io.github.softmaxlab.testing.Rows;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Sparsemax passes the contract and is the Euclidean projection onto the simplex (Martins &amp; Astudillo 2016, eq.
 * 2 and Prop. 1): checked against an independent bisection on τ, the KKT conditions, and random simplex points.
 */
class SparsemaxTest {

    /**
     * Sparsemax has kinks where an entry meets τ; the contract's random Gaussian rows are almost surely farther than
     * the finite-difference step (1e-6) from every kink, so its gradient checks apply unchanged.
     */
    @Nested
    class Contract extends NormalizerContract {
        @Override
        protected Normalizer normalizer() {
            return new Sparsemax();
        }
    }

    /** τ with Σ [z − τ]₊ = 1 by bisection: an algorithm independent of the sort-based one. */
    static double bisectionThreshold(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double lo = max - 1;
        double hi = max;
        for (int iter = 0; iter < 200; iter++) {
            double mid = (lo + hi) / 2;
            double mass = 0;
            for (double v : z) {
                mass += Math.max(v - mid, 0);
            }
            if (mass >= 1) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    @Test
    void isTheEuclideanProjectionOntoTheSimplex() {
        Random random = new Random(2016);
        Sparsemax f = new Sparsemax();
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(60);
            double[] z = Rows.gaussian(random, n, 0.1 + 5 * random.nextDouble());
            double[] p = f.apply(z);
            double tau = Sparsemax.threshold(z);
            assertEquals(bisectionThreshold(z), tau, 1e-12, "τ by sort vs by bisection, n = " + n);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += p[i];
                // KKT: p_i = z_i − τ where p_i > 0 (stationarity), z_i ≤ τ where p_i = 0 (dual feasibility).
                if (p[i] > 0) {
                    assertEquals(z[i] - tau, p[i], 1e-12);
                } else {
                    assertTrue(z[i] <= tau + 1e-12, "z_i > τ but p_i = 0 at " + i);
                }
            }
            assertEquals(1, sum, 1e-12);
            double best = distance2(p, z);
            for (int probe = 0; probe < 20; probe++) {
                double[] q = randomSimplexPoint(random, n);
                assertTrue(best <= distance2(q, z) + 1e-12, "a simplex point is closer to z than sparsemax(z)");
            }
        }
    }

    private static double distance2(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return d;
    }

    private static double[] randomSimplexPoint(Random random, int n) {
        double[] q = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            q[i] = random.nextDouble() < 0.3 ? 0 : -Math.log(1 - random.nextDouble());
            sum += q[i];
        }
        if (sum == 0) {
            q[0] = sum = 1;
        }
        for (int i = 0; i < n; i++) {
            q[i] /= sum;
        }
        return q;
    }

    @Test
    void supportIsTheEntriesAboveTau() {
        Random random = new Random(7);
        for (int trial = 0; trial < 100; trial++) {
            double[] z = Rows.gaussian(random, 25, 3);
            double tau = Sparsemax.threshold(z);
            double[] p = new Sparsemax().apply(z);
            for (int i = 0; i < z.length; i++) {
                assertEquals(z[i] > tau, p[i] > 0, "support membership of " + i);
            }
        }
    }

    @Test
    void pointsOnTheSimplexAreFixedAndKnownRowsGiveKnownWeights() {
        Sparsemax f = new Sparsemax();
        assertArrayEquals(new double[] {0.5, 0.4, 0.1}, f.apply(0.5, 0.4, 0.1), 1e-15);
        assertArrayEquals(new double[] {0, 1, 0, 0, 0}, f.apply(1.0, 3, 2, 0, -1), 0);
        assertArrayEquals(new double[] {0.75, 0.25, 0}, f.apply(1.0, 0.5, -2), 1e-15);
        assertArrayEquals(new float[] {0.75f, 0.25f, 0}, f.apply(1f, 0.5f, -2f), 0f);
    }

    @Test
    void addingAConstantChangesNothing() {
        Random random = new Random(8);
        Sparsemax f = new Sparsemax();
        for (double c : new double[] {-1000, -1.5, 0.25, 77, 1e6}) {
            double[] z = Rows.gaussian(random, 30, 2);
            double[] shifted = z.clone();
            for (int i = 0; i < z.length; i++) {
                shifted[i] += c;
            }
            assertArrayEquals(f.apply(z), f.apply(shifted), 1e-9, "shift by " + c);
        }
    }

    @Test
    void backwardIsTheGradientMinusItsMeanOnTheSupport() {
        Random random = new Random(9);
        Sparsemax f = new Sparsemax();
        double[] z = Rows.gaussian(random, 40, 1);
        double[] g = Rows.gaussian(random, 40, 1);
        double[] p = f.apply(z);
        double[] dz = new double[40];
        f.backward(z, p, g, dz, Shape.of(1, 40), Mask.NONE);
        double sum = 0;
        int support = 0;
        for (int i = 0; i < 40; i++) {
            if (p[i] > 0) {
                sum += g[i];
                support++;
            }
        }
        assertTrue(support > 1 && support < 40, "test row should have a partial support, got " + support);
        for (int i = 0; i < 40; i++) {
            assertEquals(p[i] > 0 ? g[i] - sum / support : 0, dz[i], 1e-15);
        }
    }
}
