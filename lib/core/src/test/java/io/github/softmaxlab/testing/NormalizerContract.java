package io.github.softmaxlab.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Parameter;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.data.LabeledData;
import io.github.softmaxlab.normalize.Normalizer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The contract every {@link Normalizer} passes. A test class extends this, says how to build the normalizer, and
 * adds the tests of its own paper's propositions.
 *
 * <p>Checked here, on the float64 path and the float32 path:
 * <ul>
 *   <li>weights are finite and non-negative; rows sum to 1 where {@link Normalizer#sumsToOne()} (else to ≤ 1);
 *   <li>permuting the scores of a row permutes its weights;
 *   <li>the mask rule: masked entries get weight 0 and gradient 0, and the visible weights equal the normalizer
 *       applied to the visible entries alone; fully masked and empty rows give zeros and zero gradients, never NaN;
 *       −∞ acts like a mask; causal and key-padding masks see the right keys;
 *   <li>extreme scores (±1e30, ±3e38, −∞) give finite weights on which float32 and float64 agree;
 *   <li>NaN, +∞ and wrong lengths get an {@link IllegalArgumentException} naming the argument (and, for bad
 *       scores, the index and the value);
 *   <li>float32 agrees with float64 within {@link #floatTolerance()}, with and without masks;
 *   <li>float64 gradients match central finite differences, for the scores and every {@link Parameter};
 *   <li>{@code backward} writes dL/dscores (old contents do not leak in) and adds to parameter gradients.
 * </ul>
 * Hooks let a normalizer adjust inputs and tolerances to its nature (e.g. a sparse normalizer keeping gradient
 * checks away from its kinks).
 */
public abstract class NormalizerContract {

    private static final long SEED = 20260101L;

    /** A fresh normalizer (parameters at their test values). */
    protected abstract Normalizer normalizer();

    /** Largest |float32 − float64| allowed on weights; gradients get 20× this. */
    protected double floatTolerance() {
        return 2e-6;
    }

    /** Scale of the random scores used by the generic tests. */
    protected double scoreScale() {
        return 2.0;
    }

    /** Random scores for a row batch of n entries; override to avoid points where the normalizer has kinks. */
    protected double[] randomScores(Random random, int n) {
        return Rows.gaussian(random, n, scoreScale());
    }

    /** Rows with extreme entries; each must give finite weights that float32 and float64 agree on. */
    protected double[][] extremeRows() {
        double inf = Double.NEGATIVE_INFINITY;
        return new double[][] {
            {1e30, 0, -1e30, 5},
            {-1e30, -1e30, -1e30},
            {1e30, 1e30, inf},
            {3e38, -3e38, 0},
            {-3e38, -3e38 * (1 - 1e-7), inf},
            {1e8, 1e8 + 8, 1e8 - 8, 0},
        };
    }

    /**
     * Upper bound on the sum of a row of n visible weights when {@link Normalizer#sumsToOne()} is false: 1 by
     * default (e.g. inhibited softmax); a normalizer whose rows are not sub-distributions (ReLA) says its own bound.
     */
    protected double maxRowSum(int n) {
        return 1;
    }

    @Test
    void weightsAreNonNegativeAndRowsSumToOne() {
        Normalizer f = normalizer();
        Random random = new Random(SEED);
        for (int cols : new int[] {1, 2, 3, 7, 16, 33, 100}) {
            Shape shape = Shape.of(5, cols);
            double[] z = Rows.roundToFloat(randomScores(random, shape.size()));
            double[] w = new double[shape.size()];
            f.forward(z, w, shape, Mask.NONE);
            float[] wf = new float[shape.size()];
            f.forward(Rows.toFloat(z), wf, shape, Mask.NONE);
            for (int r = 0; r < shape.rows(); r++) {
                assertRowIsADistribution(f, w, shape.offset(r), cols, 1e-12, "row " + r + " of " + cols);
                assertRowIsADistribution(f, Rows.toDouble(wf), shape.offset(r), cols, 1e-5,
                        "float32 row " + r + " of " + cols);
            }
        }
    }

    private void assertRowIsADistribution(Normalizer f, double[] w, int off, int n, double tol, String what) {
        for (int i = 0; i < n; i++) {
            double v = w[off + i];
            assertTrue(v >= 0 && Double.isFinite(v), f.name() + ": weight " + v + " at " + i + " in " + what);
        }
        double sum = Rows.sum(w, off, n);
        if (f.sumsToOne()) {
            assertEquals(1.0, sum, tol, f.name() + ": " + what + " sums to " + sum);
        } else {
            double bound = maxRowSum(n);
            assertTrue(sum <= bound + tol, f.name() + ": " + what + " sums to " + sum + " > " + bound);
        }
    }

    @Test
    void permutingScoresPermutesWeights() {
        Normalizer f = normalizer();
        Random random = new Random(SEED + 1);
        int n = 17;
        double[] z = randomScores(random, n);
        int[] perm = LabeledData.permutation(n, random);
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
        boolean[] visible = Rows.randomVisible(random, shape, 0.6);
        Mask mask = Mask.elements(visible);
        double[] w = new double[shape.size()];
        f.forward(z, w, shape, mask);
        double[] dz = new double[shape.size()];
        f.backward(z, w, Rows.gaussian(random, shape.size(), 1), dz, shape, mask);
        for (int r = 0; r < shape.rows(); r++) {
            int off = shape.offset(r);
            double[] compact = new double[mask.visibleCount(shape, r)];
            int k = 0;
            for (int c = 0; c < shape.cols(); c++) {
                if (visible[off + c]) {
                    compact[k++] = z[off + c];
                } else {
                    assertEquals(0.0, w[off + c], 0.0, f.name() + ": masked weight in row " + r + " col " + c);
                    assertEquals(0.0, dz[off + c], 0.0, f.name() + ": masked gradient in row " + r + " col " + c);
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
        double[] g = Rows.gaussian(new Random(SEED + 4), shape.size(), 1);
        float[] wf = new float[shape.size()];
        float[] dzf = new float[shape.size()];
        f.forward(Rows.toFloat(z), wf, shape, mask);
        f.backward(Rows.toFloat(z), wf, Rows.toFloat(g), dzf, shape, mask);
        double[] w = new double[shape.size()];
        double[] dz = new double[shape.size()];
        f.forward(z, w, shape, mask);
        f.backward(z, w, g, dz, shape, mask);
        for (int i = 0; i < 12; i++) { // batch element 0: three rows, nothing visible
            assertEquals(0.0, w[i], 0.0, f.name() + ": fully masked row has weight " + w[i]);
            assertEquals(0.0, dz[i], 0.0, f.name() + ": fully masked row has gradient " + dz[i]);
            assertEquals(0f, wf[i], 0f, f.name() + ": fully masked float row has weight " + wf[i]);
            assertEquals(0f, dzf[i], 0f, f.name() + ": fully masked float row has gradient " + dzf[i]);
        }
        double inf = Double.NEGATIVE_INFINITY;
        assertArrayEquals(new double[3], f.apply(inf, inf, inf), 0.0, f.name() + ": all −∞ row");
        assertArrayEquals(new float[3], f.apply((float) inf, (float) inf, (float) inf), 0f, f.name() + ": all −∞ row");
        for (Shape empty : new Shape[] {Shape.of(3, 0), Shape.of(0, 5)}) {
            f.forward(new float[0], new float[0], empty, Mask.NONE);
            f.backward(new float[0], new float[0], new float[0], new float[0], empty, Mask.NONE);
            f.forward(new double[0], new double[0], empty, Mask.NONE);
            f.backward(new double[0], new double[0], new double[0], new double[0], empty, Mask.NONE);
        }
    }

    @Test
    void minusInfinityActsLikeAMask() {
        Normalizer f = normalizer();
        Shape shape = Shape.of(1, 6);
        double[] z = randomScores(new Random(SEED + 5), 6);
        double[] withInf = z.clone();
        withInf[2] = Double.NEGATIVE_INFINITY;
        Mask mask = Mask.elements(new boolean[] {true, true, false, true, true, true});
        double[] masked = new double[6];
        f.forward(z, masked, shape, mask);
        assertArrayEquals(masked, f.apply(withInf), 1e-12, f.name() + ": −∞ differs from a mask");
        float[] wf = f.apply(Rows.toFloat(withInf));
        assertEquals(0f, wf[2], 0f, f.name() + ": float weight of −∞");
        double[] g = Rows.gaussian(new Random(SEED + 6), 6, 1);
        double[] dzMasked = new double[6];
        f.backward(z, masked, g, dzMasked, shape, mask);
        double[] dzInf = new double[6];
        f.backward(withInf, f.apply(withInf), g, dzInf, shape, Mask.NONE);
        assertArrayEquals(dzMasked, dzInf, 1e-12, f.name() + ": gradient with −∞ differs from a mask");
    }

    @Test
    void extremeScoresGiveFiniteWeightsOnWhichBothPrecisionsAgree() {
        Normalizer f = normalizer();
        for (double[] row : extremeRows()) {
            String what = f.name() + " on " + Arrays.toString(row);
            double[] exact = Rows.roundToFloat(row);
            double[] w = f.apply(exact);
            assertRowIsADistribution(f, w, 0, row.length, 1e-9, Arrays.toString(row));
            float[] wf = f.apply(Rows.toFloat(exact));
            double err = Rows.maxAbsError(wf, w);
            assertTrue(err <= floatTolerance(), what + ": float32 " + Arrays.toString(wf) + " vs float64 "
                    + Arrays.toString(w));
        }
    }

    @Test
    void badInputIsRejectedWithANamedArgument() {
        Normalizer f = normalizer();
        Shape shape = Shape.of(2, 3);
        float[] good = {1, 2, 3, 4, 5, 6};
        assertRejected(() -> f.forward(new float[] {1, 2, 3, 4, Float.NaN, 6}, new float[6], shape, Mask.NONE),
                "scores", "row 1", "col 1", "NaN");
        assertRejected(() -> f.forward(new double[] {1, 2, 3, Double.NaN, 5, 6}, new double[6], shape, Mask.NONE),
                "scores", "row 1", "col 0", "NaN");
        assertRejected(() -> f.forward(new double[] {Double.POSITIVE_INFINITY, 2, 3, 4, 5, 6}, new double[6], shape,
                Mask.NONE), "scores", "row 0", "Infinity");
        assertRejected(() -> f.forward(new float[] {1, 2, Float.POSITIVE_INFINITY, 4, 5, 6}, new float[6], shape,
                Mask.NONE), "scores", "col 2", "Infinity");
        assertRejected(() -> f.forward(new float[7], new float[6], shape, Mask.NONE), "scores", "7");
        assertRejected(() -> f.forward(good, new float[5], shape, Mask.NONE), "weights", "5");
        assertRejected(() -> f.forward(new double[6], new double[4], shape, Mask.NONE), "weights", "4");
        assertRejected(() -> f.backward(good, new float[6], new float[7], new float[6], shape, Mask.NONE),
                "gradWeights", "7");
        assertRejected(() -> f.backward(good, new float[6], new float[6], new float[8], shape, Mask.NONE),
                "gradScores", "8");
        assertRejected(() -> f.backward(new double[6], new double[6], new double[6], new double[2], shape,
                Mask.NONE), "gradScores", "2");
        assertRejected(() -> f.forward(good, new float[6], Shape.attention(2, 1, 1, 3), Mask.keyLengths(1)),
                "lengths");
        assertRejected(() -> f.forward(good, new float[6], shape, Mask.elements(new boolean[5])), "mask", "5");
        // NaN in a masked position is never read, so it is allowed.
        f.forward(new float[] {1, Float.NaN, 3, 4, 5, 6}, new float[6], shape,
                Mask.elements(new boolean[] {true, false, true, true, true, true}));
    }

    private static void assertRejected(Executable call, String... mentions) {
        var e = assertThrows(IllegalArgumentException.class, call);
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), "message should mention '" + m + "': " + e.getMessage());
        }
    }

    @Test
    void float32AgreesWithFloat64() {
        Normalizer f = normalizer();
        Random random = new Random(SEED + 7);
        for (int cols : new int[] {1, 5, 16, 31, 64, 257, 1000}) {
            Shape shape = Shape.of(4, cols);
            assertPrecisionsAgree(f, random, shape, Mask.NONE);
            assertPrecisionsAgree(f, random, shape, Mask.elements(Rows.randomVisible(random, shape, 0.7)));
        }
        Shape attention = Shape.attention(2, 2, 9, 33);
        assertPrecisionsAgree(f, random, attention, Mask.causal().and(Mask.keyLengths(33, 20)));
    }

    private void assertPrecisionsAgree(Normalizer f, Random random, Shape shape, Mask mask) {
        double[] z = Rows.roundToFloat(randomScores(random, shape.size()));
        double[] w = new double[shape.size()];
        float[] wf = new float[shape.size()];
        f.forward(z, w, shape, mask);
        f.forward(Rows.toFloat(z), wf, shape, mask);
        double err = Rows.maxAbsError(wf, w);
        String what = f.name() + " " + shape + " " + mask;
        assertTrue(err <= floatTolerance(), what + ": float32 vs float64 max weight error " + err);

        double[] g = Rows.roundToFloat(Rows.gaussian(random, shape.size(), 1));
        double[] dz = new double[shape.size()];
        float[] dzf = new float[shape.size()];
        f.backward(z, w, g, dz, shape, mask);
        f.backward(Rows.toFloat(z), wf, Rows.toFloat(g), dzf, shape, mask);
        double gerr = Rows.maxAbsError(dzf, dz);
        assertTrue(gerr <= 20 * floatTolerance(), what + ": float32 vs float64 max gradient error " + gerr);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Normalizer f = normalizer();
        Random random = new Random(SEED + 8);
        for (int cols : new int[] {1, 2, 5, 12}) {
            Shape shape = Shape.of(3, cols);
            GradCheck.normalizer(f, randomScores(random, shape.size()), shape, Mask.NONE, SEED + cols);
        }
        Shape att = Shape.attention(2, 2, 4, 4);
        GradCheck.normalizer(f, randomScores(random, att.size()), att, Mask.causal(), SEED);
        GradCheck.normalizer(f, randomScores(random, att.size()), att, Mask.keyLengths(3, 1), SEED + 1);
        GradCheck.normalizer(f, randomScores(random, att.size()), att,
                Mask.elements(Rows.randomVisible(random, att, 0.6)), SEED + 2);
    }

    @Test
    void backwardOverwritesScoreGradientsAndAddsToParameterGradients() {
        Normalizer f = normalizer();
        Random random = new Random(SEED + 9);
        Shape shape = Shape.of(3, 7);
        float[] z = Rows.toFloat(randomScores(random, shape.size()));
        float[] w = new float[shape.size()];
        f.forward(z, w, shape, Mask.NONE);
        float[] g = Rows.toFloat(Rows.gaussian(random, shape.size(), 1));
        float[] clean = new float[shape.size()];
        float[] dirty = new float[shape.size()];
        Arrays.fill(dirty, 123f);
        f.parameters().forEach(Parameter::zeroGrad);
        f.backward(z, w, g, clean, shape, Mask.NONE);
        float[][] once = f.parameters().stream().map(p -> p.grad.clone()).toArray(float[][]::new);
        f.backward(z, w, g, dirty, shape, Mask.NONE);
        assertArrayEquals(clean, dirty, f.name() + ": backward must write gradScores, not add to it");
        for (int k = 0; k < once.length; k++) {
            float[] twice = f.parameters().get(k).grad;
            for (int i = 0; i < twice.length; i++) {
                assertEquals(2 * once[k][i], twice[i], 1e-5 * Math.abs(twice[i]) + 1e-7,
                        f.name() + ": backward must add to the gradient of " + f.parameters().get(k).name());
            }
        }
    }

    @Test
    void causalAndPaddingMasksSeeTheRightKeys() {
        Normalizer f = normalizer();
        Shape shape = Shape.attention(2, 2, 3, 5); // 2 cached keys before 3 queries
        double[] z = randomScores(new Random(SEED + 10), shape.size());
        Mask mask = Mask.causal().and(Mask.keyLengths(5, 3));
        double[] w = new double[shape.size()];
        f.forward(z, w, shape, mask);
        boolean[] explicit = new boolean[shape.size()];
        for (int r = 0; r < shape.rows(); r++) {
            int visibleKeys = Math.min(shape.query(r) + 1 + 2, shape.batchIndex(r) == 0 ? 5 : 3);
            Arrays.fill(explicit, shape.offset(r), shape.offset(r) + visibleKeys, true);
        }
        double[] expected = new double[shape.size()];
        f.forward(z, expected, shape, Mask.elements(explicit));
        assertArrayEquals(expected, w, 1e-12, f.name() + ": causal + padding mask differs from the explicit one");
    }
}
