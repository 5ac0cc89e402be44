package io.github.softmaxlab.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.testing.GradCheck;
import io.github.softmaxlab.testing.NormalizerContract;
import io.github.softmaxlab.testing.Rows;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Adaptive temperature (Veličković et al., arXiv 2410.01104): the exact-gradient form passes the whole contract;
 * the inference form (β constant in the backward pass) has exactly the backward of softmax at the frozen β; the
 * polynomial matches the spec's reference values; the output is never flatter than softmax, sharpens flat rows and
 * leaves sharp ones alone. Also the paper's dispersion lemma, on softmax itself.
 */
class AdaptiveTemperatureSoftmaxTest {

    @Nested
    class ExactGradient extends NormalizerContract {
        @Override
        protected Normalizer normalizer() {
            return AdaptiveTemperatureSoftmax.exactGradient();
        }

        @Override
        protected double scoreScale() {
            return 0.7; // flat enough rows that β > 1 on most of them, so its derivative is exercised
        }
    }

    private static double entropy(double[] p) {
        return AdaptiveTemperatureSoftmax.entropy(p, 0, p.length);
    }

    @Test
    void polynomialMatchesTheReferenceValues() {
        double[][] table = {{1, 1.270}, {2, 2.099}, {3, 2.250}, {4, 2.389}, {6, 0.855}};
        for (double[] row : table) {
            assertEquals(row[1], AdaptiveTemperatureSoftmax.poly(row[0]), 1e-3, "poly(" + row[0] + ")");
        }
        assertEquals(1.0, AdaptiveTemperatureSoftmax.beta(6), 0.0, "poly(6) < 1 clamps to 1");
        assertEquals(1.0, AdaptiveTemperatureSoftmax.beta(0.5), 0.0, "H <= 0.5: β = 1");
        assertEquals(1.0, AdaptiveTemperatureSoftmax.beta(0.3), 0.0, "H <= 0.5: β = 1");
        for (double h = 0; h < 12; h += 0.01) {
            assertTrue(AdaptiveTemperatureSoftmax.beta(h) >= 1, "β < 1 at H = " + h);
        }
    }

    @Test
    void neverFlatterThanSoftmaxAndSharpensFlatRows() {
        Random random = new Random(1);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + random.nextInt(300);
            double[] e = Rows.gaussian(random, n, 0.1 + random.nextDouble() * 4);
            double hSoftmax = entropy(Softmax.standard().apply(e));
            double hAdaptive = entropy(AdaptiveTemperatureSoftmax.inference().apply(e));
            assertTrue(hAdaptive <= hSoftmax + 1e-12, "flatter than softmax: " + hAdaptive + " > " + hSoftmax);
            if (AdaptiveTemperatureSoftmax.beta(hSoftmax) > 1) {
                assertTrue(hAdaptive < hSoftmax, "a flat row (H = " + hSoftmax + ") must get sharper");
            }
        }
    }

    @Test
    void leavesSharpRowsAlone() {
        double[] sharp = {5, 0, 0.3, -1, 0.2};
        assertTrue(entropy(Softmax.standard().apply(sharp)) < 0.5);
        assertArrayEquals(Softmax.standard().apply(sharp), AdaptiveTemperatureSoftmax.inference().apply(sharp), 0);
    }

    @Test
    void isShiftInvariant() {
        double[] e = Rows.gaussian(new Random(2), 64, 1);
        double[] shifted = Arrays.stream(e).map(v -> v + 1000).toArray();
        Normalizer f = AdaptiveTemperatureSoftmax.inference();
        assertArrayEquals(f.apply(e), f.apply(shifted), 1e-9);
    }

    @Test
    void inferenceBackwardIsSoftmaxBackwardAtTheFrozenBeta() {
        Normalizer f = AdaptiveTemperatureSoftmax.inference();
        Random random = new Random(3);
        Shape shape = Shape.attention(2, 1, 3, 9);
        for (Mask mask : Rows.testMasks(random, shape)) {
            double[] e = Rows.gaussian(random, shape.size(), 0.7);
            double[] g = Rows.gaussian(random, shape.size(), 1);
            double[] w = new double[shape.size()];
            double[] dz = new double[shape.size()];
            f.forward(e, w, shape, mask);
            f.backward(e, w, g, dz, shape, mask);
            for (int r = 0; r < shape.rows(); r++) {
                double[] row = visibleRow(e, shape, mask, r);
                if (row.length == 0) {
                    continue;
                }
                double beta = AdaptiveTemperatureSoftmax.betaOf(row);
                Softmax frozen = Softmax.withTemperature(1 / beta);
                double[] wr = frozen.apply(row);
                double[] gr = visibleRow(g, shape, mask, r);
                double[] expected = new double[row.length];
                frozen.backward(row, wr, gr, expected, Shape.of(1, row.length), Mask.NONE);
                assertArrayEquals(expected, visibleRow(dz, shape, mask, r), 1e-12, "row " + r + " " + mask);
                assertArrayEquals(wr, visibleRow(w, shape, mask, r), 1e-12, "row " + r + " " + mask);
                GradCheck.normalizer(frozen, row, Shape.of(1, row.length), Mask.NONE, r);
            }
            float[] wf = new float[shape.size()];
            float[] dzf = new float[shape.size()];
            f.forward(Rows.toFloat(e), wf, shape, mask);
            f.backward(Rows.toFloat(e), wf, Rows.toFloat(g), dzf, shape, mask);
            assertTrue(Rows.maxAbsError(wf, w) < 1e-6 && Rows.maxAbsError(dzf, dz) < 1e-5, "float32 " + mask);
        }
    }

    private static double[] visibleRow(double[] x, Shape shape, Mask mask, int r) {
        boolean[] visible = mask.row(shape, r);
        double[] out = new double[mask.visibleCount(shape, r)];
        int k = 0;
        for (int c = 0; c < visible.length; c++) {
            if (visible[c]) {
                out[k++] = x[shape.offset(r) + c];
            }
        }
        return out;
    }

    @Test
    void exactGradientDiffersFromInferenceOnlyThroughBeta() {
        double[] flat = Rows.gaussian(new Random(4), 30, 0.5);
        double[] sharp = {6, 0, 0.5, -1};
        double[] g = Rows.gaussian(new Random(5), 30, 1);
        for (double[] e : new double[][] {flat, sharp}) {
            Shape shape = Shape.of(1, e.length);
            double[] gr = Arrays.copyOf(g, e.length);
            double[] w = AdaptiveTemperatureSoftmax.inference().apply(e);
            double[] a = new double[e.length];
            double[] b = new double[e.length];
            AdaptiveTemperatureSoftmax.inference().backward(e, w, gr, a, shape, Mask.NONE);
            AdaptiveTemperatureSoftmax.exactGradient().backward(e, w, gr, b, shape, Mask.NONE);
            boolean betaMoves = AdaptiveTemperatureSoftmax.betaOf(e) > 1;
            assertEquals(betaMoves, Rows.maxAbsError(a, b) > 1e-6, "β > 1 is when the two gradients differ");
        }
    }

    @Test
    void dispersionLemmaBoundsEverySoftmaxCoefficient() {
        // exp(−Δ/θ)/n ≤ softmax_θ(e)_k ≤ exp(Δ/θ)/n for logits in [m, M], Δ = M − m (spec part 2 §3(b)).
        Random random = new Random(6);
        for (int n = 2; n <= 100_000; n *= 7) {
            double[] e = Rows.uniform(random, n, -1.5, 2);
            double spread = Arrays.stream(e).max().orElseThrow() - Arrays.stream(e).min().orElseThrow();
            for (double theta : new double[] {0.25, 1, 3}) {
                double[] p = Softmax.withTemperature(theta).apply(e);
                double lo = Math.exp(-spread / theta) / n;
                double hi = Math.exp(spread / theta) / n;
                for (double v : p) {
                    assertTrue(v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9), "n = " + n + ", θ = " + theta);
                }
            }
        }
    }
}
