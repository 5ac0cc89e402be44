package io.github.softmaxlab.normalize;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;

/**
 * Base of the sort-based sparse normalizers (sparsemax, entmax-1.5, sparse top-k softmax, r-softmax): each one only
 * writes the maths for one dense float64 row, and this class does the rest for both precisions.
 *
 * <p>For every row it walks the visible entries through {@link MaskedRows}, drops the −∞ entries (so −∞ behaves
 * exactly like a mask), subtracts the row maximum (all four functions are shift-invariant, and the shift keeps
 * ±1e30 or ±3e38 rows finite), hands the dense row of the {@code m ≥ 1} finite entries to
 * {@link #forwardRow} or {@link #backwardRow}, and scatters the result back; dropped entries get weight 0 and
 * gradient 0. The float32 path runs the same float64 row maths and rounds the result: these functions sort or
 * bisect, where a Vector API kernel would not pay, and one implementation cannot drift from its twin.
 */
abstract class FiniteRowNormalizer implements Normalizer {

    /**
     * Writes {@code p[0..m) = f(z[0..m))}. The entries of z are finite and their maximum is 0; m ≥ 1. z may be
     * reordered only in a copy.
     */
    abstract void forwardRow(double[] z, double[] p, int m);

    /**
     * Writes {@code dz[0..m) = J(z)ᵀ g} for the row forwarded to {@code p}. Same z as {@link #forwardRow}.
     */
    abstract void backwardRow(double[] z, double[] p, double[] g, double[] dz, int m);

    /** Extra checks of the shape at the public boundary (e.g. top-k's k against the row length). */
    void validate(Shape shape) {
    }

    @Override
    public final void forward(float[] scores, float[] weights, Shape shape, Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"scores", "weights"}, new int[] {scores.length, weights.length});
        ScoreCheck.scores("scores", scores, shape, mask);
        validate(shape);
        run(RowAccess.FLOATS, shape, mask, new float[][] {scores, weights});
    }

    @Override
    public final void forward(double[] scores, double[] weights, Shape shape, Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"scores", "weights"}, new int[] {scores.length, weights.length});
        ScoreCheck.scores("scores", scores, shape, mask);
        validate(shape);
        run(RowAccess.DOUBLES, shape, mask, new double[][] {scores, weights});
    }

    @Override
    public final void backward(float[] scores, float[] weights, float[] gradWeights, float[] gradScores,
            Shape shape, Mask mask) {
        checkBackward(scores.length, weights.length, gradWeights.length, gradScores.length, shape, mask);
        run(RowAccess.FLOATS, shape, mask, new float[][] {scores, weights, gradWeights, gradScores});
    }

    @Override
    public final void backward(double[] scores, double[] weights, double[] gradWeights, double[] gradScores,
            Shape shape, Mask mask) {
        checkBackward(scores.length, weights.length, gradWeights.length, gradScores.length, shape, mask);
        run(RowAccess.DOUBLES, shape, mask, new double[][] {scores, weights, gradWeights, gradScores});
    }

    private void checkBackward(int scores, int weights, int gradWeights, int gradScores, Shape shape, Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"scores", "weights", "gradWeights", "gradScores"},
                new int[] {scores, weights, gradWeights, gradScores});
        validate(shape);
    }

    /** Forward when {@code arrays} is (scores, weights), backward when it is (scores, weights, dW, dScores). */
    private <A> void run(RowAccess<A> io, Shape shape, Mask mask, A[] arrays) {
        boolean backward = arrays.length == 4;
        int cols = shape.cols();
        double[] z = new double[cols];
        double[] p = new double[cols];
        double[] g = new double[cols];
        double[] out = new double[cols];
        int[] finite = new int[cols];
        A result = arrays[arrays.length - 1];
        MaskedRows.zeroing(shape, mask, result).map(arrays, (a, off, n, row) -> {
            int m = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double v = io.get(a[0], off + i);
                if (v != Double.NEGATIVE_INFINITY) {
                    finite[m] = i;
                    z[m++] = v;
                    max = Math.max(max, v);
                }
            }
            for (int j = 0; j < m; j++) {
                z[j] -= max;
            }
            if (m > 0 && backward) {
                for (int j = 0; j < m; j++) {
                    p[j] = io.get(a[1], off + finite[j]);
                    g[j] = io.get(a[2], off + finite[j]);
                }
                backwardRow(z, p, g, out, m);
            } else if (m > 0) {
                forwardRow(z, out, m);
            }
            A target = a[a.length - 1];
            for (int i = 0; i < n; i++) {
                io.set(target, off + i, 0);
            }
            for (int j = 0; j < m; j++) {
                io.set(target, off + finite[j], out[j]);
            }
        });
    }

    /** Reads and writes float32 or float64 arrays as doubles, so that one walk serves both precisions. */
    private interface RowAccess<A> {
        double get(A array, int index);

        void set(A array, int index, double value);

        RowAccess<float[]> FLOATS = new RowAccess<>() {
            @Override
            public double get(float[] array, int index) {
                return array[index];
            }

            @Override
            public void set(float[] array, int index, double value) {
                array[index] = (float) value;
            }
        };

        RowAccess<double[]> DOUBLES = new RowAccess<>() {
            @Override
            public double get(double[] array, int index) {
                return array[index];
            }

            @Override
            public void set(double[] array, int index, double value) {
                array[index] = value;
            }
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
