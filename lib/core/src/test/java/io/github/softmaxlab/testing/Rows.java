package io.github.softmaxlab.testing;

import java.util.Random;

/** Seeded random inputs for tests. */
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

    /** The largest |a − b| / max(|b|, floor): relative error with a floor for tiny reference values. */
    public static double maxRelativeError(float[] a, double[] b, double floor) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor));
        }
        return worst;
    }

    /** The largest |a − b|. */
    public static double maxAbsError(float[] a, double[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }
}
