package io.github.softmaxlab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.loss.Loss;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The contract every {@link Loss} passes. A test class extends this, says how to build the loss, and adds the tests
 * of its own paper's propositions.
 *
 * <p>Checked here:
 * <ul>
 *   <li>the loss is finite and ≥ 0, and is the mean of the rows' losses; the gradient of a batch is the row
 *       gradients divided by the number of rows;
 *   <li>float64 gradients match central finite differences, with and without masks;
 *   <li>float32 agrees with float64 (loss and gradient) within {@link #floatTolerance()};
 *   <li>masks: masked logits get gradient exactly 0 and their values (even NaN) do not change the loss;
 *   <li>extremes (±1e30, rows of 1e8 ± a few): finite loss and gradient in both precisions;
 *   <li>bad input: a target out of range or masked, NaN or ±∞ visible logits, wrong lengths and null shapes get an
 *       {@link IllegalArgumentException} naming the argument and the value;
 *   <li>{@code backward} overwrites gradLogits (old contents do not leak in).
 * </ul>
 */
public abstract class LossContract {

    private static final long SEED = 20260404L;

    /** A fresh loss. */
    protected abstract Loss loss();

    /** Column counts the generic tests use; override for losses that need a particular layout. */
    protected int[] columnCounts() {
        return new int[] {1, 2, 3, 7, 10};
    }

    /** Largest |float32 − float64| allowed, relative to max(1, |value|), on the loss and on each gradient entry. */
    protected double floatTolerance() {
        return 2e-5;
    }

    /** Random logits; override to keep gradient checks away from kinks. */
    protected double[] randomLogits(Random random, int n) {
        return Rows.gaussian(random, n, 2.0);
    }

    /** Rows with extreme logits; the target is column 0 and column 1 in turn, so every row needs ≥ 2 columns. */
    protected double[][] extremeRows() {
        return new double[][] {
            {1e30, 0, -1e30, 5},
            {-1e30, 1e30},
            {-1e30, -1e30, -1e30, 0},
            {1e8, 1e8 + 8, 1e8 - 8, 0},
        };
    }

    /** A random visible target per row (row r of a fully masked row gets 0, and the row must not be used). */
    protected int[] randomTargets(Random random, Shape shape, Mask mask) {
        int[] t = new int[shape.rows()];
        for (int r = 0; r < shape.rows(); r++) {
            int n = mask.visibleCount(shape, r);
            int pick = n == 0 ? 0 : random.nextInt(n);
            for (int c = 0; c < shape.cols(); c++) {
                if (mask.isVisible(shape, r, c) && pick-- == 0) {
                    t[r] = c;
                    break;
                }
            }
        }
        return t;
    }

    /** A random element mask with at least one visible entry per row. */
    protected Mask randomMask(Random random, Shape shape) {
        boolean[] visible = Rows.randomVisible(random, shape, 0.6);
        for (int r = 0; r < shape.rows(); r++) {
            visible[shape.offset(r) + random.nextInt(shape.cols())] = true;
        }
        return Mask.elements(visible);
    }

    @Test
    void lossIsFiniteNonNegativeAndTheMeanOfRows() {
        Loss f = loss();
        Random random = new Random(SEED);
        for (int cols : columnCounts()) {
            Shape shape = Shape.of(4, cols);
            double[] z = randomLogits(random, shape.size());
            int[] t = randomTargets(random, shape, Mask.NONE);
            double mean = f.forward(z, t, shape, Mask.NONE);
            double[] grad = new double[z.length];
            f.backward(z, t, grad, shape, Mask.NONE);
            double sum = 0;
            for (int r = 0; r < shape.rows(); r++) {
                double[] row = java.util.Arrays.copyOfRange(z, shape.offset(r), shape.offset(r + 1));
                double one = f.forward(row, new int[] {t[r]}, Shape.of(1, cols), Mask.NONE);
                assertTrue(Double.isFinite(one) && one >= 0, f.name() + ": row loss " + one);
                sum += one;
                double[] g = new double[cols];
                f.backward(row, new int[] {t[r]}, g, Shape.of(1, cols), Mask.NONE);
                for (int c = 0; c < cols; c++) {
                    assertEquals(g[c] / shape.rows(), grad[shape.offset(r) + c], 1e-12 * (1 + Math.abs(g[c])),
                            f.name() + ": batch gradient is row gradient / rows");
                }
            }
            assertEquals(sum / shape.rows(), mean, 1e-12 * (1 + Math.abs(mean)), f.name() + ": mean over rows");
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Loss f = loss();
        Random random = new Random(SEED + 1);
        for (int cols : columnCounts()) {
            Shape shape = Shape.of(3, cols);
            for (Mask mask : new Mask[] {Mask.NONE, randomMask(random, shape)}) {
                double[] z = randomLogits(random, shape.size());
                int[] t = randomTargets(random, shape, mask);
                double[] grad = new double[z.length];
                f.backward(z, t, grad, shape, mask);
                GradCheck.compare(f.name() + " cols=" + cols + " (" + mask + ")", z, grad,
                        () -> f.forward(z, t, shape, mask));
            }
        }
    }

    @Test
    void float32AgreesWithFloat64() {
        Loss f = loss();
        Random random = new Random(SEED + 2);
        for (int cols : columnCounts()) {
            Shape shape = Shape.of(6, cols);
            for (Mask mask : new Mask[] {Mask.NONE, randomMask(random, shape)}) {
                double[] z = Rows.roundToFloat(randomLogits(random, shape.size()));
                int[] t = randomTargets(random, shape, mask);
                assertClose(f, z, t, shape, mask, floatTolerance());
            }
        }
    }

    @Test
    void maskedLogitsGetZeroGradientAndDoNotMatter() {
        Loss f = loss();
        Random random = new Random(SEED + 3);
        for (int cols : columnCounts()) {
            Shape shape = Shape.of(5, cols);
            Mask mask = randomMask(random, shape);
            double[] z = randomLogits(random, shape.size());
            int[] t = randomTargets(random, shape, mask);
            double[] other = z.clone();
            for (int r = 0; r < shape.rows(); r++) {
                for (int c = 0; c < cols; c++) {
                    if (!mask.isVisible(shape, r, c)) {
                        other[shape.offset(r) + c] = r % 2 == 0 ? Double.NaN : 1e3 * random.nextGaussian();
                    }
                }
            }
            assertEquals(f.forward(z, t, shape, mask), f.forward(other, t, shape, mask), 0.0,
                    f.name() + ": masked values must not be read");
            double[] grad = new double[z.length];
            java.util.Arrays.fill(grad, 7);
            f.backward(other, t, grad, shape, mask);
            float[] gradF = new float[z.length];
            java.util.Arrays.fill(gradF, 7);
            f.backward(Rows.toFloat(other), t, gradF, shape, mask);
            for (int r = 0; r < shape.rows(); r++) {
                for (int c = 0; c < cols; c++) {
                    int i = shape.offset(r) + c;
                    if (!mask.isVisible(shape, r, c)) {
                        assertEquals(0.0, grad[i], 0.0, f.name() + ": masked gradient (float64) at " + i);
                        assertEquals(0f, gradF[i], 0f, f.name() + ": masked gradient (float32) at " + i);
                    }
                    assertTrue(Double.isFinite(grad[i]), f.name() + ": gradient at " + i + " is " + grad[i]);
                }
            }
        }
    }

    @Test
    void extremeLogitsGiveFiniteLossAndGradient() {
        Loss f = loss();
        for (double[] row : extremeRows()) {
            Shape shape = Shape.of(2, row.length);
            double[] z = new double[shape.size()];
            System.arraycopy(row, 0, z, 0, row.length);
            System.arraycopy(row, 0, z, row.length, row.length);
            int[] t = {0, 1};
            double value = f.forward(z, t, shape, Mask.NONE);
            double valueF = f.forward(Rows.toFloat(z), t, shape, Mask.NONE);
            double[] grad = new double[z.length];
            f.backward(z, t, grad, shape, Mask.NONE);
            float[] gradF = new float[z.length];
            f.backward(Rows.toFloat(z), t, gradF, shape, Mask.NONE);
            String what = f.name() + " on " + java.util.Arrays.toString(row);
            assertTrue(Double.isFinite(value) && Double.isFinite(valueF), what + ": loss " + value + " / " + valueF);
            for (int i = 0; i < z.length; i++) {
                assertTrue(Double.isFinite(grad[i]) && Float.isFinite(gradF[i]), what + ": gradient at " + i);
            }
        }
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        Loss f = loss();
        int cols = columnCounts()[columnCounts().length - 1];
        Shape shape = Shape.of(2, cols);
        double[] z = randomLogits(new Random(SEED + 4), shape.size());
        int[] t = randomTargets(new Random(SEED + 5), shape, Mask.NONE);
        double[] g = new double[z.length];
        rejects(() -> f.forward(z, new int[] {t[0], -1}, shape, Mask.NONE), "targets[1]", "-1");
        rejects(() -> f.forward(z, new int[] {cols, t[1]}, shape, Mask.NONE), "targets[0]", "" + cols);
        rejects(() -> f.backward(z, new int[] {t[0], cols + 5}, g, shape, Mask.NONE), "targets[1]", "" + (cols + 5));
        boolean[] visible = new boolean[shape.size()];
        java.util.Arrays.fill(visible, true);
        visible[shape.offset(1) + t[1]] = false;
        rejects(() -> f.forward(z, t, shape, Mask.elements(visible)), "targets[1]", "masked");
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            double[] zBad = z.clone();
            zBad[shape.offset(1) + t[1]] = bad;
            rejects(() -> f.forward(zBad, t, shape, Mask.NONE), "logits", "" + bad);
            rejects(() -> f.backward(Rows.toFloat(zBad), t, new float[z.length], shape, Mask.NONE), "logits",
                    "" + bad);
        }
        rejects(() -> f.forward(new double[z.length - 1], t, shape, Mask.NONE), "logits", "" + (z.length - 1));
        rejects(() -> f.forward(z, new int[] {t[0]}, shape, Mask.NONE), "targets", "1");
        rejects(() -> f.backward(z, t, new double[3], shape, Mask.NONE), "gradLogits", "3");
        rejects(() -> f.forward(z, t, null, Mask.NONE), "shape");
        rejects(() -> f.forward(z, t, shape, null), "mask");
    }

    @Test
    void backwardOverwritesGradLogits() {
        Loss f = loss();
        int cols = columnCounts()[columnCounts().length - 1];
        Shape shape = Shape.of(3, cols);
        Random random = new Random(SEED + 6);
        double[] z = randomLogits(random, shape.size());
        int[] t = randomTargets(random, shape, Mask.NONE);
        double[] clean = new double[z.length];
        f.backward(z, t, clean, shape, Mask.NONE);
        double[] dirty = Rows.gaussian(random, z.length, 100);
        f.backward(z, t, dirty, shape, Mask.NONE);
        assertEquals(0.0, Rows.maxAbsError(dirty, clean), 0.0, f.name() + ": old gradient leaked in");
    }

    /** Loss and gradient, float32 against float64 at the same (float-rounded) logits. */
    protected static void assertClose(Loss f, double[] z, int[] t, Shape shape, Mask mask, double tolerance) {
        double value = f.forward(z, t, shape, mask);
        double valueF = f.forward(Rows.toFloat(z), t, shape, mask);
        assertEquals(value, valueF, tolerance * Math.max(1, Math.abs(value)), f.name() + ": float32 loss");
        double[] grad = new double[z.length];
        f.backward(z, t, grad, shape, mask);
        float[] gradF = new float[z.length];
        f.backward(Rows.toFloat(z), t, gradF, shape, mask);
        for (int i = 0; i < z.length; i++) {
            assertEquals(grad[i], gradF[i], tolerance * Math.max(1, Math.abs(grad[i])),
                    f.name() + ": float32 gradient at " + i + " (" + mask + ")");
        }
    }

    /** Asserts an IllegalArgumentException whose message mentions every fragment. */
    protected static void rejects(Executable call, String... fragments) {
        var e = assertThrows(IllegalArgumentException.class, call);
        for (String m : fragments) {
            assertTrue(e.getMessage().contains(m), "message should mention '" + m + "': " + e.getMessage());
        }
    }
}
