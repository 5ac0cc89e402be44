package io.github.softmaxlab.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.normalize.Normalizer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Normalizer} passes. A test class extends this, says how to build the normalizer, and
 * adds the tests of its own paper's propositions.
 *
 * <p>Checked here: non-negative weights; rows sum to 1 where {@link Normalizer#sumsToOne()}; permutation
 * equivariance; the mask rule (masked entries are dropped: weight 0, gradient 0, and the visible weights equal the
 * normalizer applied to the visible entries alone); fully masked and empty rows give zeros, never NaN; −∞ acts like
 * a mask; ±1e30 give finite weights; NaN, +∞ and wrong lengths get an exception naming the argument; float32
 * agrees with float64; float64 gradients match finite differences, for inputs and parameters; causal and
 * key-padding masks see the right number of keys per row.
 */
public abstract class NormalizerContract {

    /** A fresh normalizer (parameters at their test values). */
    protected abstract Normalizer normalizer();

    /** Largest |float32 − float64| allowed on weights. */
    protected double floatTolerance() {
        return 2e-6;
    }

    /** Scale of the random scores used by the generic tests. */
    protected double scoreScale() {
        return 2.0;
    }

    private static final long SEED = 20260101L;

    protected double[] randomScores(Random random, int n) {
        return Rows.gaussian(random, n, scoreScale());
    }

    @Test
    void weightsAreNonNegativeAndRowsSumToOne() {
        Normalizer f = normalizer();
        Random random = new Random(SEED);
        for (int cols : new int[] {1, 2, 3, 7, 16, 33, 100}) {
            Shape shape = Shape.of(5, cols);
            double[] w = new double[shape.size()];
            f.forward(randomScores(random, shape.size()), w, shape, Mask.NONE);
            for (int r = 0; r < shape.rows(); r++) {
                double sum = 0;
                for (int c = 0; c < cols; c++) {
                    double v = w[shape.offset(r) + c];
                    assertTrue(v >= 0 && Double.isFinite(v), f.name() + ": weight " + v + " in row " + r);
                    sum += v;
                }
                if (f.sumsToOne()) {
                    assertEquals(1.0, sum, 1e-12, f.name() + ": row " + r + " of " + cols + " sums to " + sum);
                } else {
                    assertTrue(sum <= 1 + 1e-12, f.name() + ": row sums to " + sum + " > 1");
                }
            }
        }
    }

    @Test
    void permutingScoresPermutesWeights() {
        Normalizer f = normalizer();
        Random random = new Random(SEED + 1);
        int n = 17;
        double[] z = randomScores(random, n);
        int[] perm = io.github.softmaxlab.data.LabeledData.permutation(n, random);
        double[] zp = new double[n];
        for (int i = 0; i < n; i++) {
            zp[i] = z[perm[i]];
        }
        double[] w = f.apply(z);
        double[] wp = f.apply(zp);
        for (int i = 0; i < n; i++) {
            assertEquals(w[perm[i]], wp[i], 1e-12, f.name() + ": not permutation-equivariant at " + i);
        }
    }

    @Test
    void maskedEntriesAreDroppedWithZeroWeightAndGradient() {
        Normalizer f = normalizer();
        Random random = new Random(SEED + 2);
        Shape shape = Shape.of(6, 11);
        double[] z = randomScores(random, shape.size());
        boolean[] visible = new boolean[shape.size()];
        for (int i = 0; i < visible.length; i++) {
            visible[i] = random.nextDouble() < 0.6;
        }
        visible[0] = false; // row 0 is never a prefix
        visible[1] = true;
        Mask mask = Mask.elements(visible);
        double[] w = new double[shape.size()];
        f.forward(z, w, shape, mask);
        double[] g = Rows.gaussian(random, shape.size(), 1);
        double[] dz = new double[shape.size()];
        f.backward(z, w, g, dz, shape, mask);
        for (int r = 0; r < shape.rows(); r++) {
            int off = shape.offset(r);
            int n = mask.visibleCount(shape, r);
            double[] compact = new double[n];
            int k = 0;
            for (int c = 0; c < shape.cols(); c++) {
                if (visible[off + c]) {
                    compact[k++] = z[off + c];
                } else {
                    assertEquals(0.0, w[off + c], 0.0, f.name() + ": masked weight in row " + r);
                    assertEquals(0.0, dz[off + c], 0.0, f.name() + ": masked gradient in row " + r);
                }
            }
            double[] expected = f.apply(compact);
            k = 0;
            for (int c = 0; c < shape.cols(); c++) {
                if (visible[off + c]) {
                    assertEquals(expected[k++], w[off + c], 1e-12, f.name() + ": row " + r + " col " + c
                            + " differs from the normalizer over the visible entries alone");
                }
            }
        }
    }

    @Test
    void fullyMaskedAndEmptyRowsGiveZerosNeverNaN() {
        Normalizer f = normalizer();
        Shape shape = Shape.attention(2, 1, 3, 4);
        Mask mask = Mask.keyLengths(0, 4);
        double[] z = randomScores(new Random(SEED + 3), shape.size());
        float[] zf = Rows.toFloat(z);
        float[] wf = new float[shape.size()];
        float[] dzf = new float[shape.size()];
        f.forward(zf, wf, shape, mask);
        f.backward(zf, wf, Rows.toFloat(Rows.gaussian(new Random(4), shape.size(), 1)), dzf, shape, mask);
        for (int i = 0; i < 12; i++) {
            assertEquals(0f, wf[i], 0f, f.name() + ": fully masked row has weight " + wf[i]);
            assertEquals(0f, dzf[i], 0f, f.name() + ": fully masked row has gradient " + dzf[i]);
        }
        // A row of −∞ is also fully masked.
        double[] allMinusInf = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        assertArrayEquals(new double[3], f.apply(allMinusInf), 0.0, f.name() + ": all −∞ row");
        // Empty rows and empty batches are fine.
        f.forward(new float[0], new float[0], Shape.of(3, 0), Mask.NONE);
        f.forward(new float[0], new float[0], Shape.of(0, 5), Mask.NONE);
    }

    @Test
    void minusInfinityActsLikeAMask() {
        Normalizer f = normalizer();
        double[] z = randomScores(new Random(SEED + 5), 6);
        double[] withInf = z.clone();
        withInf[2] = Double.NEGATIVE_INFINITY;
        boolean[] visible = {true, true, false, true, true, true};
        double[] masked = new double[6];
        f.forward(z, masked, Shape.of(1, 6), Mask.elements(visible));
        assertArrayEquals(masked, f.apply(withInf), 1e-12, f.name() + ": −∞ differs from a mask");
        float[] wf = f.apply(Rows.toFloat(withInf));
        assertEquals(0f, wf[2], 0f);
    }

    @Test
    void extremeScoresGiveFiniteWeights() {
        Normalizer f = normalizer();
        double[][] rows = {
            {1e30, 0, -1e30, 5},
            {-1e30, -1e30, -1e30},
            {1e30, 1e30, Double.NEGATIVE_INFINITY},
            {3e38, -3e38, 0},
        };
        for (double[] row : rows) {
            double[] w = f.apply(row);
            float[] wf = f.apply(Rows.toFloat(row));
            double sum = 0;
            for (int i = 0; i < row.length; i++) {
                assertTrue(Double.isFinite(w[i]) && w[i] >= 0, f.name() + ": weight " + w[i] + " for "
                        + java.util.Arrays.toString(row));
                assertTrue(Float.isFinite(wf[i]) && wf[i] >= 0, f.name() + ": float weight " + wf[i] + " for "
                        + java.util.Arrays.toString(row));
                sum += w[i];
            }
            if (f.sumsToOne()) {
                assertEquals(1.0, sum, 1e-9, f.name() + ": extreme row sums to " + sum);
            }
        }
    }

    @Test
    void badInputIsRejectedWithANamedArgument() {
        Normalizer f = normalizer();
        Shape shape = Shape.of(2, 3);
        float[] good = {1, 2, 3, 4, 5, 6};
        var nan = assertThrows(IllegalArgumentException.class,
                () -> f.forward(new float[] {1, 2, 3, 4, Float.NaN, 6}, new float[6], shape, Mask.NONE));
        assertTrue(nan.getMessage().contains("scores") && nan.getMessage().contains("NaN"), nan.getMessage());
        var inf = assertThrows(IllegalArgumentException.class,
                () -> f.forward(new double[] {Double.POSITIVE_INFINITY, 2, 3, 4, 5, 6}, new double[6], shape,
                        Mask.NONE));
        assertTrue(inf.getMessage().contains("Infinity"), inf.getMessage());
        var len = assertThrows(IllegalArgumentException.class,
                () -> f.forward(good, new float[5], shape, Mask.NONE));
        assertTrue(len.getMessage().contains("weights") && len.getMessage().contains("5"), len.getMessage());
        var grad = assertThrows(IllegalArgumentException.class,
                () -> f.backward(good, new float[6], new float[7], new float[6], shape, Mask.NONE));
        assertTrue(grad.getMessage().contains("gradWeights") && grad.getMessage().contains("7"), grad.getMessage());
        var maskLen = assertThrows(IllegalArgumentException.class,
                () -> f.forward(good, new float[6], Shape.attention(2, 1, 1, 3), Mask.keyLengths(1)));
        assertTrue(maskLen.getMessage().contains("lengths"), maskLen.getMessage());
        // NaN in a masked position is never read, so it is allowed.
        f.forward(new float[] {1, Float.NaN, 3, 4, 5, 6}, new float[6], shape,
                Mask.elements(new boolean[] {true, false, true, true, true, true}));
    }

    @Test
    void float32AgreesWithFloat64() {
        Normalizer f = normalizer();
        Random random = new Random(SEED + 6);
        for (int cols : new int[] {1, 5, 16, 31, 64, 257, 1000}) {
            Shape shape = Shape.of(4, cols);
            double[] z = Rows.toDouble(Rows.toFloat(randomScores(random, shape.size())));
            double[] w = new double[shape.size()];
            float[] wf = new float[shape.size()];
            f.forward(z, w, shape, Mask.NONE);
            f.forward(Rows.toFloat(z), wf, shape, Mask.NONE);
            double err = Rows.maxAbsError(wf, w);
            assertTrue(err <= floatTolerance(), f.name() + ": float32 vs float64 max error " + err + " at n = " + cols);

            double[] g = Rows.gaussian(random, shape.size(), 1);
            double[] dz = new double[shape.size()];
            float[] dzf = new float[shape.size()];
            f.backward(z, w, g, dz, shape, Mask.NONE);
            f.backward(Rows.toFloat(z), wf, Rows.toFloat(g), dzf, shape, Mask.NONE);
            double gerr = Rows.maxAbsError(dzf, dz);
            assertTrue(gerr <= 20 * floatTolerance(), f.name() + ": float32 vs float64 gradient error " + gerr);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Normalizer f = normalizer();
        Random random = new Random(SEED + 7);
        for (int cols : new int[] {1, 2, 5, 12}) {
            Shape shape = Shape.of(3, cols);
            GradCheck.normalizer(f, randomScores(random, shape.size()), shape, Mask.NONE, SEED + cols);
        }
        Shape att = Shape.attention(2, 2, 4, 4);
        GradCheck.normalizer(f, randomScores(random, att.size()), att, Mask.causal(), SEED);
        GradCheck.normalizer(f, randomScores(random, att.size()), att, Mask.keyLengths(3, 1), SEED + 1);
    }

    @Test
    void causalAndPaddingMasksSeeTheRightKeys() {
        Normalizer f = normalizer();
        Shape shape = Shape.attention(2, 2, 3, 5); // 2 cached keys before 3 queries
        double[] z = randomScores(new Random(SEED + 8), shape.size());
        Mask mask = Mask.causal().and(Mask.keyLengths(5, 3));
        double[] w = new double[shape.size()];
        f.forward(z, w, shape, mask);
        boolean[] explicit = new boolean[shape.size()];
        for (int r = 0; r < shape.rows(); r++) {
            int visibleKeys = Math.min(shape.query(r) + 1 + 2, shape.batchIndex(r) == 0 ? 5 : 3);
            for (int c = 0; c < visibleKeys; c++) {
                explicit[shape.offset(r) + c] = true;
            }
        }
        double[] expected = new double[shape.size()];
        f.forward(z, expected, shape, Mask.elements(explicit));
        assertArrayEquals(expected, w, 1e-12, f.name() + ": causal + padding mask differs from the explicit one");
    }
}
