package io.github.softmaxlab.normalize;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Parameter;
import io.github.softmaxlab.core.Shape;
import java.lang.reflect.Array;
import java.util.List;

/**
 * Base for normalizers whose maths is written once, for one dense row in float64: the float32 path widens each row
 * to double, runs the same row maths and rounds the result. That is plain scalar Java, chosen for correctness over
 * speed: these normalizers (ReLA, Taylor-softmax, logistic-softmax, inhibited softmax) are small polynomials or
 * sigmoids where working in double also removes float32 overflow (e.g. Taylor-softmax's {@code z²/2} at 1e30).
 *
 * <p>Mask rule: {@link MaskedRows} drops masked entries; this class also drops −∞ scores the same way (weight 0,
 * gradient 0), so a row op sees only finite scores and n ≥ 1. Parameters reach the row maths as one flat
 * {@code theta} array (the concatenated {@link Parameter#value} or {@link Parameter#value64}), and the row's
 * parameter gradients are accumulated into a matching flat array, added to {@code grad} or {@code grad64} at the
 * end of {@code backward}.
 */
abstract class RowwiseNormalizer implements Normalizer {

    private final List<Parameter> parameters;

    RowwiseNormalizer(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    /** Writes {@code w[0..n)} for the finite scores {@code z[0..n)}, n ≥ 1. */
    abstract void forwardRow(double[] z, double[] w, int n, double[] theta);

    /**
     * Writes {@code gz[0..n)} = VJP of the row given {@code gw}, and adds the row's parameter gradients to
     * {@code gradTheta}.
     */
    abstract void backwardRow(double[] z, double[] w, double[] gw, double[] gz, int n, double[] theta,
            double[] gradTheta);

    /** Validates parameter values (float32 or float64 twin) before use; default: every value finite. */
    void checkParameters(double[] theta) {
        for (int i = 0; i < theta.length; i++) {
            if (!Double.isFinite(theta[i])) {
                throw new IllegalArgumentException(name() + ": parameter value " + theta[i] + " at " + i
                        + " must be finite");
            }
        }
    }

    @Override
    public final List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public final void forward(float[] scores, float[] weights, Shape shape, Mask mask) {
        checkForward(scores.length, weights.length, shape, mask);
        ScoreCheck.scores("scores", scores, shape, mask);
        forwardRows(scores, weights, shape, mask, theta(false));
    }

    @Override
    public final void forward(double[] scores, double[] weights, Shape shape, Mask mask) {
        checkForward(scores.length, weights.length, shape, mask);
        ScoreCheck.scores("scores", scores, shape, mask);
        forwardRows(scores, weights, shape, mask, theta(true));
    }

    @Override
    public final void backward(float[] scores, float[] weights, float[] gradWeights, float[] gradScores,
            Shape shape, Mask mask) {
        checkBackward(scores.length, weights.length, gradWeights.length, gradScores.length, shape, mask);
        accumulate(backwardRows(new float[][] {scores, weights, gradWeights, gradScores}, shape, mask,
                theta(false)), false);
    }

    @Override
    public final void backward(double[] scores, double[] weights, double[] gradWeights, double[] gradScores,
            Shape shape, Mask mask) {
        checkBackward(scores.length, weights.length, gradWeights.length, gradScores.length, shape, mask);
        accumulate(backwardRows(new double[][] {scores, weights, gradWeights, gradScores}, shape, mask,
                theta(true)), true);
    }

    private static void checkForward(int scores, int weights, Shape shape, Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"scores", "weights"}, new int[] {scores, weights});
    }

    private static void checkBackward(int scores, int weights, int gradWeights, int gradScores, Shape shape,
            Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"scores", "weights", "gradWeights", "gradScores"},
                new int[] {scores, weights, gradWeights, gradScores});
    }

    /** Adds the flat {@code gradTheta} to {@link Parameter#grad64} (float64) or {@link Parameter#grad}. */
    private void accumulate(double[] gradTheta, boolean float64) {
        int k = 0;
        for (Parameter p : parameters) {
            for (int i = 0; i < p.size(); i++, k++) {
                if (float64) {
                    p.grad64[i] += gradTheta[k];
                } else {
                    p.grad[i] += (float) gradTheta[k];
                }
            }
        }
    }

    private double[] theta(boolean float64) {
        int size = parameters.stream().mapToInt(Parameter::size).sum();
        double[] theta = new double[size];
        int k = 0;
        for (Parameter p : parameters) {
            for (int i = 0; i < p.size(); i++) {
                theta[k++] = float64 ? p.value64[i] : p.value[i];
            }
        }
        checkParameters(theta);
        return theta;
    }

    private <A> void forwardRows(A scores, A weights, Shape shape, Mask mask, double[] theta) {
        Scratch s = new Scratch(shape.cols());
        @SuppressWarnings("unchecked")
        A[] arrays = (A[]) Array.newInstance(scores.getClass(), 2);
        arrays[0] = scores;
        arrays[1] = weights;
        MaskedRows.zeroing(shape, mask, weights).map(arrays, (a, off, n, row) -> {
            int m = s.gatherFinite(a[0], off, n);
            if (m > 0) {
                forwardRow(s.z, s.w, m, theta);
            }
            s.scatter(s.w, m, a[1], off, n);
        });
    }

    private <A> double[] backwardRows(A[] arrays, Shape shape, Mask mask, double[] theta) {
        Scratch s = new Scratch(shape.cols());
        double[] gradTheta = new double[theta.length];
        MaskedRows.zeroing(shape, mask, arrays[3]).map(arrays, (a, off, n, row) -> {
            int m = s.gatherFinite(a[0], off, n);
            if (m > 0) {
                s.gather(a[1], off, m, s.w);
                s.gather(a[2], off, m, s.gw);
                backwardRow(s.z, s.w, s.gw, s.gz, m, theta, gradTheta);
            }
            s.scatter(s.gz, m, a[3], off, n);
        });
        return gradTheta;
    }

    /** Dense float64 rows of the finite entries of one row, and where they came from. */
    private static final class Scratch {
        final double[] z;
        final double[] w;
        final double[] gw;
        final double[] gz;
        final int[] index;

        Scratch(int cols) {
            z = new double[cols];
            w = new double[cols];
            gw = new double[cols];
            gz = new double[cols];
            index = new int[cols];
        }

        /** Copies the finite scores of {@code row[off..off+n)} into z, remembering their positions. */
        int gatherFinite(Object row, int off, int n) {
            int m = 0;
            for (int j = 0; j < n; j++) {
                double v = Array.getDouble(row, off + j);
                if (v != Double.NEGATIVE_INFINITY) {
                    z[m] = v;
                    index[m++] = j;
                }
            }
            return m;
        }

        /** Copies the entries of {@code row} at the m gathered positions into {@code into}. */
        void gather(Object row, int off, int m, double[] into) {
            for (int k = 0; k < m; k++) {
                into[k] = Array.getDouble(row, off + index[k]);
            }
        }

        /** Writes {@code from[0..m)} to the gathered positions of {@code row[off..off+n)}, zeros elsewhere. */
        void scatter(double[] from, int m, Object row, int off, int n) {
            for (int j = 0; j < n; j++) {
                set(row, off + j, 0);
            }
            for (int k = 0; k < m; k++) {
                set(row, off + index[k], from[k]);
            }
        }

        private static void set(Object row, int i, double v) {
            if (row instanceof float[] f) {
                f[i] = (float) v;
            } else {
                ((double[]) row)[i] = v;
            }
        }
    }
}
