package io.github.softmaxlab.testing;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import java.util.Arrays;
import java.util.Random;

/** Seeded random inputs and error measures for tests. */
public final class Rows {

    private Rows() {
    }

    /** n values drawn from N(0, scale²). */
    public static double[] gaussian(Random random, int n, double scale) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian() * scale;
        }
        return x;
    }

    /** n values drawn from U(lo, hi). */
    public static double[] uniform(Random random, int n, double lo, double hi) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * random.nextDouble();
        }
        return x;
    }

    /**
     * A random element mask for {@code shape}: each entry visible with probability {@code p}, except that entry 0
     * of row 0 is hidden and entry 1 visible, so row 0 is never a prefix and the gather path of every kernel runs.
     */
    public static boolean[] randomVisible(Random random, Shape shape, double p) {
        boolean[] visible = new boolean[shape.size()];
        for (int i = 0; i < visible.length; i++) {
            visible[i] = random.nextDouble() < p;
        }
        if (shape.cols() >= 2 && shape.rows() >= 1) {
            visible[0] = false;
            visible[1] = true;
        }
        return visible;
    }

    /**
     * The masks every op is tested under, for an attention shape with at least 2 batch elements: none, causal, key
     * padding (the second batch element fully masked) and a random element mask (never a prefix in row 0).
     */
    public static Mask[] testMasks(Random random, Shape shape) {
        int[] lengths = new int[shape.batch()];
        Arrays.fill(lengths, Math.max(0, shape.keys() - 1));
        lengths[1] = 0;
        return new Mask[] {Mask.NONE, Mask.causal(), Mask.keyLengths(lengths),
            Mask.elements(randomVisible(random, shape, 0.6))};
    }

    public static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    public static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    /** x rounded to float32 and back: the float64 input that a float32 kernel actually sees. */
    public static double[] roundToFloat(double[] x) {
        return toDouble(toFloat(x));
    }

    /** The largest |a − b| / max(|b|, floor): relative error with a floor for tiny reference values. */
    public static double maxRelativeError(float[] a, double[] b, double floor) {
        return maxRelativeError(toDouble(a), b, floor);
    }

    /** Float64 version of {@link #maxRelativeError(float[], double[], double)}; equal infinities count as 0. */
    public static double maxRelativeError(double[] a, double[] b, double floor) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor));
            }
        }
        return worst;
    }

    /** The largest |a − b|; equal infinities count as 0, NaN anywhere as NaN. */
    public static double maxAbsError(float[] a, double[] b) {
        return maxAbsError(toDouble(a), b);
    }

    /** Float64 version of {@link #maxAbsError(float[], double[])}. */
    public static double maxAbsError(double[] a, double[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i]) || Double.isNaN(b[i])) {
                return Double.NaN;
            }
            if (a[i] != b[i]) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
        }
        return worst;
    }

    /** Sum of {@code x[off .. off+n)} in double. */
    public static double sum(double[] x, int off, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[off + i];
        }
        return s;
    }
}
