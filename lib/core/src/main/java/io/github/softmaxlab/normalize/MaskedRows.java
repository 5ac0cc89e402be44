package io.github.softmaxlab.normalize;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import java.lang.reflect.Array;

/**
 * Runs a row operation over every row of a batch under a {@link Mask}, so that each normalizer only writes the
 * maths for one dense row of visible entries. Every normalizer, and every op built on rows of scores, walks its
 * rows through here, so the mask rule lives in one place.
 *
 * <p>For a row whose visible entries are a prefix {@code [0, p)} (no mask, causal, key padding: see
 * {@link Mask#prefixLength}) the operation runs in place on that prefix. Otherwise the visible entries of every
 * array are gathered into scratch rows, the operation runs on them, and its output is scattered back. A row with no
 * visible entry never reaches the operation. Works for {@code float[]} and {@code double[]} alike.
 *
 * @param <A> {@code float[]} or {@code double[]}
 */
final class MaskedRows<A> {

    /** The maths for one dense row: {@code arrays[k][off .. off+n)} for each array, n ≥ 1. */
    @FunctionalInterface
    interface RowOp<A> {
        void apply(A[] arrays, int off, int n, int row);
    }

    private final Shape shape;
    private final Mask mask;
    /** A row of the value that masked outputs get. */
    private final A filler;

    private MaskedRows(Shape shape, Mask mask, A prototype, float fill) {
        this.shape = shape;
        this.mask = mask;
        this.filler = newArray(prototype, shape.cols());
        for (int c = 0; c < shape.cols(); c++) {
            Array.setFloat(filler, c, fill);
        }
    }

    /** Masked outputs are set to 0: weight 0, gradient 0; a fully masked row is all zeros. */
    static <A> MaskedRows<A> zeroing(Shape shape, Mask mask, A prototype) {
        return new MaskedRows<>(shape, mask, prototype, 0f);
    }

    /** Masked outputs are set to {@code fill}, e.g. −∞ for log-probabilities. */
    static <A> MaskedRows<A> filling(Shape shape, Mask mask, A prototype, float fill) {
        return new MaskedRows<>(shape, mask, prototype, fill);
    }

    /**
     * Applies {@code op} to the visible entries of every row. The last of {@code arrays} is the output: {@code op}
     * writes its visible entries (it may also use them as scratch), and every masked entry gets the fill value.
     */
    void map(A[] arrays, RowOp<A> op) {
        walk(arrays, true, op);
    }

    /**
     * Applies {@code op} to the visible entries of every row with at least one, writing nothing: for reductions,
     * which store their per-row result from inside {@code op} (a fully masked row keeps the caller's default).
     */
    void reduce(A[] inputs, RowOp<A> op) {
        walk(inputs, false, op);
    }

    private void walk(A[] arrays, boolean lastIsOutput, RowOp<A> op) {
        int cols = shape.cols();
        int inputs = lastIsOutput ? arrays.length - 1 : arrays.length;
        A out = arrays[arrays.length - 1];
        A[] scratch = null;
        int[] visible = null;
        for (int r = 0; r < shape.rows(); r++) {
            int off = shape.offset(r);
            int prefix = mask.prefixLength(shape, r);
            if (prefix >= 0) {
                if (prefix > 0) {
                    op.apply(arrays, off, prefix, r);
                }
                if (lastIsOutput) {
                    System.arraycopy(filler, 0, out, off + prefix, cols - prefix);
                }
                continue;
            }
            if (scratch == null) {
                scratch = scratchFor(arrays, cols);
                visible = new int[cols];
            }
            int n = 0;
            for (int c = 0; c < cols; c++) {
                if (mask.isVisible(shape, r, c)) {
                    visible[n++] = c;
                }
            }
            for (int k = 0; k < inputs; k++) {
                for (int j = 0; j < n; j++) {
                    System.arraycopy(arrays[k], off + visible[j], scratch[k], j, 1);
                }
            }
            if (n > 0) {
                op.apply(scratch, 0, n, r);
            }
            if (lastIsOutput) {
                System.arraycopy(filler, 0, out, off, cols);
                for (int j = 0; j < n; j++) {
                    System.arraycopy(scratch[arrays.length - 1], j, out, off + visible[j], 1);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <A> A[] scratchFor(A[] arrays, int cols) {
        A[] scratch = (A[]) Array.newInstance(arrays.getClass().getComponentType(), arrays.length);
        for (int k = 0; k < arrays.length; k++) {
            scratch[k] = newArray(arrays[k], cols);
        }
        return scratch;
    }

    @SuppressWarnings("unchecked")
    private static <A> A newArray(A prototype, int length) {
        return (A) Array.newInstance(prototype.getClass().getComponentType(), length);
    }
}
