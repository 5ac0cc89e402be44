package io.github.softmaxlab.normalize;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import java.lang.reflect.Array;

/**
 * Runs a row operation over every row of a batch under a {@link Mask}, so that each normalizer only writes the
 * maths for one dense row of visible entries.
 *
 * <p>The last array is the output; the others are inputs. For a row whose visible entries are a prefix
 * {@code [0, p)} (no mask, causal, key padding) the operation runs in place on that prefix. Otherwise the visible
 * entries of every array are gathered into scratch rows, the operation runs on them, and the output is scattered
 * back. Either way, masked output entries are set to 0: weight 0 and gradient 0, and a fully masked row is all
 * zeros. Works for {@code float[]} and {@code double[]} alike.
 *
 * @param <A> {@code float[]} or {@code double[]}
 */
final class MaskedRows<A> {

    /** The maths for one dense row: {@code arrays[k][off .. off+n)} for each array, the output last. */
    @FunctionalInterface
    interface RowOp<A> {
        void apply(A[] arrays, int off, int n, int row);
    }

    private final Shape shape;
    private final Mask mask;
    private final A zeros;

    MaskedRows(Shape shape, Mask mask, A prototype) {
        this.shape = shape;
        this.mask = mask;
        this.zeros = newArray(prototype, shape.cols());
    }

    /** Applies {@code op} to every row; the last of {@code arrays} is the output. */
    void run(A[] arrays, RowOp<A> op) {
        int cols = shape.cols();
        A[] scratch = null;
        int[] visible = null;
        A out = arrays[arrays.length - 1];
        for (int r = 0; r < shape.rows(); r++) {
            int off = shape.offset(r);
            int prefix = mask.prefixLength(shape, r);
            if (prefix >= 0) {
                if (prefix > 0) {
                    op.apply(arrays, off, prefix, r);
                }
                System.arraycopy(zeros, 0, out, off + prefix, cols - prefix);
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
            for (int k = 0; k < arrays.length - 1; k++) {
                for (int j = 0; j < n; j++) {
                    System.arraycopy(arrays[k], off + visible[j], scratch[k], j, 1);
                }
            }
            if (n > 0) {
                op.apply(scratch, 0, n, r);
            }
            System.arraycopy(zeros, 0, out, off, cols);
            for (int j = 0; j < n; j++) {
                System.arraycopy(scratch[arrays.length - 1], j, out, off + visible[j], 1);
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
