package io.github.softmaxlab.data;

import io.github.softmaxlab.core.Check;
import java.util.Arrays;
import java.util.Random;

/**
 * A classification data set held in memory: {@code size()} rows of {@code features} floats, row-major, with one
 * integer label in {@code [0, classes)} per row.
 *
 * @param name     what it is, for tables and plots
 * @param x        features, {@code size · features} values
 * @param y        labels
 * @param features features per row
 * @param classes  number of classes
 */
public record LabeledData(String name, float[] x, int[] y, int features, int classes) {

    public LabeledData {
        Check.positive("features", features);
        Check.positive("classes", classes);
        if ((long) y.length * features != x.length) {
            throw new IllegalArgumentException("x has " + x.length + " values but " + y.length + " labels × "
                    + features + " features need " + (long) y.length * features);
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException("y[" + i + "] = " + y[i] + " is not a class in [0, " + classes + ")");
            }
        }
    }

    /** Number of rows. */
    public int size() {
        return y.length;
    }

    /** Features of row {@code i} (a copy). */
    public float[] row(int i) {
        return Arrays.copyOfRange(x, i * features, (i + 1) * features);
    }

    /** The rows at {@code indices}, in that order. */
    public LabeledData subset(int[] indices) {
        float[] sx = new float[indices.length * features];
        int[] sy = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            Check.inRange("index", i, 0, size() - 1);
            System.arraycopy(x, i * features, sx, k * features, features);
            sy[k] = y[i];
        }
        return new LabeledData(name, sx, sy, features, classes);
    }

    /**
     * Splits into a shuffled train part of {@code round(trainFraction · size)} rows and a test part holding the
     * rest, with a fixed seed.
     */
    public Split split(double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("trainFraction must be in (0, 1), got " + trainFraction);
        }
        int[] order = permutation(size(), new Random(seed));
        int nTrain = (int) Math.round(trainFraction * size());
        return new Split(subset(Arrays.copyOfRange(order, 0, nTrain)),
                subset(Arrays.copyOfRange(order, nTrain, size())));
    }

    /** Rows per class. */
    public int[] classCounts() {
        int[] counts = new int[classes];
        for (int label : y) {
            counts[label]++;
        }
        return counts;
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher–Yates). */
    public static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A train/test split. */
    public record Split(LabeledData train, LabeledData test) {
    }

    @Override
    public String toString() {
        return name + " (" + size() + " rows × " + features + " features, " + classes + " classes)";
    }
}
