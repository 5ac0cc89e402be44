package io.github.softmaxlab.normalize;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Parameter;
import io.github.softmaxlab.core.Shape;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Base of the normalizers whose maths is written once, in float64, for one dense row: SSMax, MultiMax, adaptive
 * temperature, ReLA, Taylor-, logistic- and inhibited softmax, and the sort-based sparse ones (sparsemax,
 * entmax-1.5, sparse top-k softmax, r-softmax). A subclass writes {@link #forwardRow} and {@link #backwardRow};
 * masks, validation, −∞, both precisions and the parameter plumbing live here.
 *
 * <p>The float32 path widens each row to float64, runs the same row maths and rounds the result, unless the subclass
 * handles the row in float32 itself ({@link #forwardRowFloat}, e.g. SSMax with the Vector API kernels). One
 * implementation then cannot drift from its twin, and the float32 path cannot overflow where the float64 one does
 * not (Taylor-softmax's {@code z²/2} and MultiMax's squares at 1e30). These normalizers are dominated by a few
 * scalar operations per entry, a sort or a bisection, where a Vector API kernel would not pay; plain softmax keeps
 * its own kernels.
 *
 * <p><b>Masks and −∞.</b> {@link MaskedRows} drops masked entries; this class also drops −∞ scores the same way,
 * so the library's rule "−∞ means masked" holds for every subclass: the row maths sees only the {@code n ≥ 1}
 * finite scores, in their order, and dropped entries get weight 0 and gradient 0 (a row with none left is all
 * zeros). Shift-invariant functions may ask for each row to arrive shifted by its maximum
 * ({@link #shiftsByMax()}), which keeps rows of ±1e30 or ±3e38 finite.
 *
 * <p><b>Parameters.</b> A subclass reads its {@link Parameter}s and adds their gradients through the {@link Row} it
 * is given, which picks the twin of the call's precision ({@link Parameter#value}/{@link Parameter#grad} or
 * {@link Parameter#value64}/{@link Parameter#grad64}). Gradients are summed over the rows of a call in float64 and
 * added to the parameter once at the end, so float32 gradients are rounded once rather than once per row.
 */
abstract class RowwiseNormalizer implements Normalizer {

    /**
     * The precision of a call: how its {@code A} arrays ({@code float[]} or {@code double[]}) are read and written
     * as doubles, so that one walk serves both, and which twin of each {@link Parameter} it reads and writes.
     */
    abstract static class Precision<A> {
        /** The fast path: {@code float[]} arrays, {@link Parameter#value} and {@link Parameter#grad}. */
        static final Precision<float[]> FLOAT32 = new Precision<>() {
            @Override
            double get(float[] array, int index) {
                return array[index];
            }

            @Override
            void set(float[] array, int index, double value) {
                array[index] = (float) value;
            }

            @Override
            double value(Parameter p, int i) {
                return p.value[i];
            }

            @Override
            void addGrad(Parameter p, int i, double g) {
                p.grad[i] += (float) g;
            }
        };

        /** The reference path: {@code double[]} arrays, {@link Parameter#value64} and {@link Parameter#grad64}. */
        static final Precision<double[]> FLOAT64 = new Precision<>() {
            @Override
            double get(double[] array, int index) {
                return array[index];
            }

            @Override
            void set(double[] array, int index, double value) {
                array[index] = value;
            }

            @Override
            double value(Parameter p, int i) {
                return p.value64[i];
            }

            @Override
            void addGrad(Parameter p, int i, double g) {
                p.grad64[i] += g;
            }
        };

        abstract double get(A array, int index);

        abstract void set(A array, int index, double value);

        abstract double value(Parameter p, int i);

        abstract void addGrad(Parameter p, int i, double g);
    }

    /**
     * The row being computed (its index in the batch, hence its head) and the parameter twins of the call. Most
     * normalizers ignore it.
     */
    static final class Row {
        private final Shape shape;
        private final Precision<?> precision;
        /** Parameter gradients of the call so far, in float64; see {@link #addGrad}. */
        private final Map<Parameter, double[]> grads = new IdentityHashMap<>();
        private int index;

        private Row(Shape shape, Precision<?> precision) {
            this.shape = shape;
            this.precision = precision;
        }

        /** The row's index r in the batch, {@code 0 ≤ r < shape.rows()}. */
        int index() {
            return index;
        }

        /** The attention head of this row ({@link Shape#head(int)}). */
        int head() {
            return shape.head(index);
        }

        Precision<?> precision() {
            return precision;
        }

        /** Entry i of p in the call's precision. */
        double value(Parameter p, int i) {
            return precision.value(p, i);
        }

        /** Adds g to dL/dp_i; the sum over the call's rows reaches p's gradient at the end of {@code backward}. */
        void addGrad(Parameter p, int i, double g) {
            grads.computeIfAbsent(p, k -> new double[k.size()])[i] += g;
        }

        private void flushGrads() {
            grads.forEach((p, g) -> {
                for (int i = 0; i < g.length; i++) {
                    precision.addGrad(p, i, g[i]);
                }
            });
        }
    }

    /** Writes the weights {@code w[0..n)} of the finite scores {@code z[0..n)}, n ≥ 1. z is scratch. */
    abstract void forwardRow(double[] z, double[] w, int n, Row row);

    /**
     * Writes {@code gz[0..n) = J(z)ᵀ gw}, the VJP of the row whose weights the forward call wrote to {@code w} (same
     * z as {@link #forwardRow}), and adds the row's parameter gradients through {@link Row#addGrad}.
     */
    abstract void backwardRow(double[] z, double[] w, double[] gw, double[] gz, int n, Row row);

    /**
     * Optional float32 code for one row, before −∞ entries are dropped: {@code z[off .. off+n)} are its visible
     * scores. Writes the weights of the row and returns true, or returns false (having written nothing) to let the
     * row be widened to float64.
     */
    boolean forwardRowFloat(float[] z, float[] w, int off, int n, Row row) {
        return false;
    }

    /** Float32 twin of {@link #backwardRow}, with the same contract as {@link #forwardRowFloat}. */
    boolean backwardRowFloat(float[] z, float[] w, float[] gw, float[] gz, int off, int n, Row row) {
        return false;
    }

    /**
     * Whether each row reaches the row maths shifted by its maximum (so its maximum is 0): for shift-invariant
     * functions, where the shift keeps huge scores finite. No by default.
     */
    boolean shiftsByMax() {
        return false;
    }

    /**
     * Extra checks at the public boundary, before anything is written: the shape against the parameters (e.g. one
     * value per head, top-k's k against the row length) or parameter values in the call's precision. None by
     * default.
     */
    void validate(Shape shape, Precision<?> precision) {
    }

    @Override
    public final void forward(float[] scores, float[] weights, Shape shape, Mask mask) {
        check(shape, mask, Precision.FLOAT32, scores.length, weights.length);
        ScoreCheck.scores("scores", scores, shape, mask);
        rows(Precision.FLOAT32, new float[][] {scores, weights}, shape, mask,
                (a, off, n, row) -> forwardRowFloat(a[0], a[1], off, n, row));
    }

    @Override
    public final void forward(double[] scores, double[] weights, Shape shape, Mask mask) {
        check(shape, mask, Precision.FLOAT64, scores.length, weights.length);
        ScoreCheck.scores("scores", scores, shape, mask);
        rows(Precision.FLOAT64, new double[][] {scores, weights}, shape, mask, (a, off, n, row) -> false);
    }

    @Override
    public final void backward(float[] scores, float[] weights, float[] gradWeights, float[] gradScores,
            Shape shape, Mask mask) {
        check(shape, mask, Precision.FLOAT32, scores.length, weights.length, gradWeights.length, gradScores.length);
        rows(Precision.FLOAT32, new float[][] {scores, weights, gradWeights, gradScores}, shape, mask,
                (a, off, n, row) -> backwardRowFloat(a[0], a[1], a[2], a[3], off, n, row));
    }

    @Override
    public final void backward(double[] scores, double[] weights, double[] gradWeights, double[] gradScores,
            Shape shape, Mask mask) {
        check(shape, mask, Precision.FLOAT64, scores.length, weights.length, gradWeights.length, gradScores.length);
        rows(Precision.FLOAT64, new double[][] {scores, weights, gradWeights, gradScores}, shape, mask,
                (a, off, n, row) -> false);
    }

    /** Shape, mask and array lengths (forward: 2 arrays, backward: 4), then the subclass's {@link #validate}. */
    private void check(Shape shape, Mask mask, Precision<?> precision, int... lengths) {
        String[] names = {"scores", "weights", "gradWeights", "gradScores"};
        ScoreCheck.shapes(shape, mask, Arrays.copyOf(names, lengths.length), lengths);
        validate(shape, precision);
    }

    /** The float32 hooks, or none: a row they handled is done. */
    @FunctionalInterface
    private interface FastRow<A> {
        boolean handled(A[] arrays, int off, int n, Row row);
    }

    /** Forward when {@code arrays} is (scores, weights), backward when it is (scores, weights, dW, dScores). */
    private <A> void rows(Precision<A> precision, A[] arrays, Shape shape, Mask mask, FastRow<A> fast) {
        boolean backward = arrays.length == 4;
        int cols = shape.cols();
        double[] z = new double[cols];
        double[] w = new double[cols];
        double[] gw = new double[cols];
        double[] out = new double[cols];
        int[] finite = new int[cols];
        Row context = new Row(shape, precision);
        MaskedRows.zeroing(shape, mask, arrays[arrays.length - 1]).map(arrays, (a, off, n, r) -> {
            context.index = r;
            if (fast.handled(a, off, n, context)) {
                return;
            }
            int m = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double v = precision.get(a[0], off + i);
                if (v != Double.NEGATIVE_INFINITY) {
                    finite[m] = i;
                    z[m++] = v;
                    max = Math.max(max, v);
                }
            }
            if (shiftsByMax()) {
                for (int j = 0; j < m; j++) {
                    z[j] -= max;
                }
            }
            if (m > 0 && backward) {
                for (int j = 0; j < m; j++) {
                    w[j] = precision.get(a[1], off + finite[j]);
                    gw[j] = precision.get(a[2], off + finite[j]);
                }
                backwardRow(z, w, gw, out, m, context);
            } else if (m > 0) {
                forwardRow(z, out, m, context);
            }
            A target = a[a.length - 1];
            for (int i = 0; i < n; i++) {
                precision.set(target, off + i, 0);
            }
            for (int j = 0; j < m; j++) {
                precision.set(target, off + finite[j], out[j]);
            }
        });
        context.flushGrads();
    }

    @Override
    public String toString() {
        return name();
    }
}
