package io.github.softmaxlab.normalize;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Parameter;
import io.github.softmaxlab.core.Shape;

/**
 * A normalizer written once, in float64, for one dense row of visible scores; the float32 path widens each row to
 * float64, runs the same code and rounds the result (unless the subclass handles the row in float32 itself, see
 * {@link #forwardRowFloat}). The maths then exists in one place, and the float32 path
 * cannot overflow where the float64 one does not (MultiMax squares its inputs; adaptive temperature takes
 * logarithms of probabilities). It suits normalizers whose cost is dominated by a few scalar operations per entry
 * rather than by the exponential; plain softmax keeps its Vector API kernels.
 *
 * <p>Unlike {@link RowwiseNormalizer}, each row's maths also receives its row index and the {@link Shape}, which
 * per-head parameters (SSMax's s) and per-row counts need. (The two bases, and {@link FiniteRowNormalizer}, were
 * written in parallel and should become one; see the issue notes.)
 *
 * <p>Masks, validation and the float32 ↔ float64 plumbing live here; a subclass writes {@link #forwardRow} and
 * {@link #backwardRow}, reading parameters and adding their gradients through the {@link Precision} it is given.
 */
abstract class ShapedRowNormalizer implements Normalizer {

    /** Which twin of each {@link Parameter} a call reads and writes. */
    enum Precision {
        /** The fast path: {@link Parameter#value} and {@link Parameter#grad}. */
        FLOAT32 {
            @Override
            double value(Parameter p, int i) {
                return p.value[i];
            }

            @Override
            void addGrad(Parameter p, int i, double g) {
                p.grad[i] += (float) g;
            }
        },
        /** The reference path: {@link Parameter#value64} and {@link Parameter#grad64}. */
        FLOAT64 {
            @Override
            double value(Parameter p, int i) {
                return p.value64[i];
            }

            @Override
            void addGrad(Parameter p, int i, double g) {
                p.grad64[i] += g;
            }
        };

        abstract double value(Parameter p, int i);

        abstract void addGrad(Parameter p, int i, double g);
    }

    /**
     * Writes the weights of one row: {@code z[off .. off+n)} → {@code w[off .. off+n)}, n ≥ 1, all visible
     * (−∞ scores must get weight 0). {@code row} and {@code shape} locate the row (its head, its query).
     */
    abstract void forwardRow(double[] z, double[] w, int off, int n, int row, Shape shape, Precision precision);

    /**
     * Writes dL/dz of one row into {@code gz} from the scores, the weights of the forward call and dL/dw, and adds
     * the parameter gradients through {@code precision}.
     */
    abstract void backwardRow(double[] z, double[] w, double[] gw, double[] gz, int off, int n, int row, Shape shape,
            Precision precision);

    /**
     * Optional float32 row code for the common case, e.g. with the Vector API kernels: writes the weights of the row
     * and returns true, or returns false (having written nothing) to let the row be widened to float64.
     */
    boolean forwardRowFloat(float[] z, float[] w, int off, int n, int row, Shape shape) {
        return false;
    }

    /** Float32 twin of {@link #backwardRow}, with the same contract as {@link #forwardRowFloat}. */
    boolean backwardRowFloat(float[] z, float[] w, float[] gw, float[] gz, int off, int n, int row, Shape shape) {
        return false;
    }

    /** Extra checks of the shape against the parameters (e.g. one s per head); none by default. */
    void validate(Shape shape) {
    }

    @Override
    public final void forward(double[] scores, double[] weights, Shape shape, Mask mask) {
        checkForward(scores.length, weights.length, shape, mask);
        ScoreCheck.scores("scores", scores, shape, mask);
        MaskedRows.zeroing(shape, mask, weights).map(new double[][] {scores, weights},
                (a, off, n, row) -> forwardRow(a[0], a[1], off, n, row, shape, Precision.FLOAT64));
    }

    @Override
    public final void forward(float[] scores, float[] weights, Shape shape, Mask mask) {
        checkForward(scores.length, weights.length, shape, mask);
        ScoreCheck.scores("scores", scores, shape, mask);
        double[][] wide = new double[2][shape.cols()];
        MaskedRows.zeroing(shape, mask, weights).map(new float[][] {scores, weights}, (a, off, n, row) -> {
            if (forwardRowFloat(a[0], a[1], off, n, row, shape)) {
                return;
            }
            widen(a[0], off, wide[0], n);
            forwardRow(wide[0], wide[1], 0, n, row, shape, Precision.FLOAT32);
            narrow(wide[1], a[1], off, n);
        });
    }

    @Override
    public final void backward(double[] scores, double[] weights, double[] gradWeights, double[] gradScores,
            Shape shape, Mask mask) {
        checkBackward(scores.length, weights.length, gradWeights.length, gradScores.length, shape, mask);
        MaskedRows.zeroing(shape, mask, gradScores).map(new double[][] {scores, weights, gradWeights, gradScores},
                (a, off, n, row) -> backwardRow(a[0], a[1], a[2], a[3], off, n, row, shape, Precision.FLOAT64));
    }

    @Override
    public final void backward(float[] scores, float[] weights, float[] gradWeights, float[] gradScores,
            Shape shape, Mask mask) {
        checkBackward(scores.length, weights.length, gradWeights.length, gradScores.length, shape, mask);
        double[][] wide = new double[4][shape.cols()];
        MaskedRows.zeroing(shape, mask, gradScores).map(new float[][] {scores, weights, gradWeights, gradScores},
                (a, off, n, row) -> {
                    if (backwardRowFloat(a[0], a[1], a[2], a[3], off, n, row, shape)) {
                        return;
                    }
                    for (int k = 0; k < 3; k++) {
                        widen(a[k], off, wide[k], n);
                    }
                    backwardRow(wide[0], wide[1], wide[2], wide[3], 0, n, row, shape, Precision.FLOAT32);
                    narrow(wide[3], a[3], off, n);
                });
    }

    private void checkForward(int scores, int weights, Shape shape, Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"scores", "weights"}, new int[] {scores, weights});
        validate(shape);
    }

    private void checkBackward(int scores, int weights, int gradWeights, int gradScores, Shape shape, Mask mask) {
        ScoreCheck.shapes(shape, mask, new String[] {"scores", "weights", "gradWeights", "gradScores"},
                new int[] {scores, weights, gradWeights, gradScores});
        validate(shape);
    }

    private static void widen(float[] from, int off, double[] to, int n) {
        for (int i = 0; i < n; i++) {
            to[i] = from[off + i];
        }
    }

    private static void narrow(double[] from, float[] to, int off, int n) {
        for (int i = 0; i < n; i++) {
            to[off + i] = (float) from[i];
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
