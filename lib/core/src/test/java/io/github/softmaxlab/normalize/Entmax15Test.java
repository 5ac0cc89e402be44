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
 * 1.5-entmax (Peters, Niculae &amp; Martins 2019): both algorithms pass the contract and agree with each other, the
 * weights have the form [z/2 − τ]₊², and the closed-form Jacobian matches finite differences.
 */
class Entmax15Test {

    /** Random Gaussian rows stay away from the points where an entry enters the support (see SparsemaxTest). */
    @Nested
    class SortBased extends NormalizerContract {
        @Override
        protected Normalizer normalizer() {
            return Entmax15.sortBased();
        }
    }

    @Nested
    class Bisection extends NormalizerContract {
        @Override
        protected Normalizer normalizer() {
            return Entmax15.bisection();
        }
    }

    @Test
    void sortAndBisectionAgree() {
        Random random = new Random(1905);
        Entmax15 sort = Entmax15.sortBased();
        Entmax15 bisection = Entmax15.bisection();
        double worst = 0;
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(200);
            double[] z = Rows.gaussian(random, n, 0.05 + 20 * random.nextDouble());
            worst = Math.max(worst, Rows.maxAbsError(sort.apply(z), bisection.apply(z)));
        }
        assertTrue(worst <= 1e-12, "sort vs bisection max weight difference " + worst);
    }

    @Test
    void weightsAreSquaredShiftedHalfScores() {
        Random random = new Random(5);
        Entmax15 f = Entmax15.sortBased();
        for (int trial = 0; trial < 100; trial++) {
            double[] z = Rows.gaussian(random, 30, 3);
            double tau = f.threshold(z, z.length);
            double[] p = f.apply(z);
            double sum = 0;
            for (int i = 0; i < z.length; i++) {
                double s = Math.max(z[i] / 2 - tau, 0);
                assertEquals(s * s, p[i], 1e-14);
                assertEquals(z[i] / 2 > tau, p[i] > 0);
                sum += p[i];
            }
            assertEquals(1, sum, 1e-13);
        }
    }

    @Test
    void knownRows() {
        double s = Math.sqrt(7) / 4; // z = (1, 0): τ = 1/4 − sqrt(7)/4, p = ((1 + sqrt 7)/4)², ((sqrt 7 − 1)/4)²
        double[] expected = {Math.pow(0.25 + s, 2), Math.pow(s - 0.25, 2)};
        for (Entmax15 f : new Entmax15[] {Entmax15.sortBased(), Entmax15.bisection()}) {
            assertArrayEquals(expected, f.apply(1.0, 0.0), 1e-15, f.name());
            assertArrayEquals(new double[] {0.5, 0.5}, f.apply(3.0, 3.0), 1e-15, f.name());
            assertArrayEquals(new double[] {1, 0, 0}, f.apply(4.0, 2.0, 0.0), 1e-15, f.name());
        }
    }

    @Test
    void closedFormJacobianMatchesFiniteDifferences() {
        Random random = new Random(33);
        Entmax15 f = Entmax15.sortBased();
        int n = 12;
        double h = 1e-6;
        for (int trial = 0; trial < 20; trial++) {
            double[] z = Rows.gaussian(random, n, 1.5);
            double[] p = f.apply(z);
            double sumS = 0;
            for (double v : p) {
                sumS += Math.sqrt(v);
            }
            for (int j = 0; j < n; j++) {
                double[] plus = z.clone();
                double[] minus = z.clone();
                plus[j] += h;
                minus[j] -= h;
                double[] pp = f.apply(plus);
                double[] pm = f.apply(minus);
                for (int i = 0; i < n; i++) {
                    double si = Math.sqrt(p[i]);
                    double sj = Math.sqrt(p[j]);
                    double closedForm = (i == j ? si : 0) - si * sj / sumS;
                    assertEquals((pp[i] - pm[i]) / (2 * h), closedForm, 1e-7, "∂p_" + i + "/∂z_" + j);
                }
            }
        }
    }

    @Test
    void backwardAppliesTheClosedFormJacobian() {
        Random random = new Random(34);
        Entmax15 f = Entmax15.bisection();
        double[] z = Rows.gaussian(random, 9, 2);
        double[] g = Rows.gaussian(random, 9, 1);
        double[] p = f.apply(z);
        double[] dz = new double[9];
        f.backward(z, p, g, dz, Shape.of(1, 9), Mask.NONE);
        double sumS = 0;
        double sumSg = 0;
        for (int i = 0; i < 9; i++) {
            sumS += Math.sqrt(p[i]);
            sumSg += Math.sqrt(p[i]) * g[i];
        }
        for (int j = 0; j < 9; j++) {
            assertEquals(Math.sqrt(p[j]) * g[j] - Math.sqrt(p[j]) * sumSg / sumS, dz[j], 1e-15);
        }
    }
}
