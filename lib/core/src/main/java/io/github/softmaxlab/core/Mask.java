package io.github.softmaxlab.core;

import java.util.Arrays;

/**
 * Which entries of each score row are visible. One rule holds everywhere in the library: a normalizer first applies
 * its own transform to the raw scores, then drops the masked entries. A masked entry gets weight 0 and gradient 0,
 * and a fully masked row gives an all-zero row of weights and a zero gradient, never NaN.
 *
 * <p>Masks know the {@link Shape} of the scores, so a causal mask sees the query position of each row and a padding
 * mask sees its batch element. Most masks make the visible set a prefix {@code [0, len)} of the row, which lets
 * kernels simply run over a shorter row; {@link #prefixLength} reports it.
 */
public sealed interface Mask {

    /** Everything visible. */
    Mask NONE = new None();

    /**
     * Causal attention mask: query {@code q} sees keys {@code 0..q + (keys − queries)}. With as many keys as queries
     * that is keys {@code 0..q}; with more keys (a cache of earlier positions) the extra keys come first.
     */
    static Mask causal() {
        return new Causal();
    }

    /**
     * Key padding: in batch element {@code b} only the first {@code lengths[b]} keys are real.
     *
     * @param lengths one length per batch element, each in {@code [0, keys]}
     */
    static Mask keyLengths(int... lengths) {
        return new KeyLengths(lengths.clone());
    }

    /**
     * An arbitrary mask: {@code visible[r · cols + c]} says whether entry {@code c} of row {@code r} is visible.
     */
    static Mask elements(boolean[] visible) {
        return new Elements(visible.clone());
    }

    /** Both masks: an entry is visible only where both say so. */
    default Mask and(Mask other) {
        return new And(this, other);
    }

    /** Whether entry {@code col} of row {@code row} is visible. */
    boolean isVisible(Shape shape, int row, int col);

    /**
     * If the visible entries of this row are exactly {@code [0, len)}, returns {@code len}; otherwise −1.
     */
    int prefixLength(Shape shape, int row);

    /** Number of visible entries in the row: the {@code n} that SSMax uses. */
    default int visibleCount(Shape shape, int row) {
        int p = prefixLength(shape, row);
        if (p >= 0) {
            return p;
        }
        int count = 0;
        for (int c = 0; c < shape.cols(); c++) {
            if (isVisible(shape, row, c)) {
                count++;
            }
        }
        return count;
    }

    /** Throws with a clear message if this mask cannot describe scores of this shape. */
    default void validate(Shape shape) {
    }

    /** Writes 1 for visible and 0 for masked entries of the row: handy for notebooks and tests. */
    default boolean[] row(Shape shape, int row) {
        boolean[] out = new boolean[shape.cols()];
        for (int c = 0; c < out.length; c++) {
            out[c] = isVisible(shape, row, c);
        }
        return out;
    }

    record None() implements Mask {
        @Override
        public boolean isVisible(Shape shape, int row, int col) {
            return true;
        }

        @Override
        public int prefixLength(Shape shape, int row) {
            return shape.cols();
        }
    }

    record Causal() implements Mask {
        @Override
        public boolean isVisible(Shape shape, int row, int col) {
            return col < prefixLength(shape, row);
        }

        @Override
        public int prefixLength(Shape shape, int row) {
            return shape.query(row) + 1 + (shape.keys() - shape.queries());
        }

        @Override
        public void validate(Shape shape) {
            if (shape.keys() < shape.queries()) {
                throw new IllegalArgumentException("a causal mask needs keys >= queries, got shape " + shape);
            }
        }
    }

    record KeyLengths(int[] lengths) implements Mask {
        @Override
        public boolean isVisible(Shape shape, int row, int col) {
            return col < lengths[shape.batchIndex(row)];
        }

        @Override
        public int prefixLength(Shape shape, int row) {
            return lengths[shape.batchIndex(row)];
        }

        @Override
        public void validate(Shape shape) {
            Check.sameLength("lengths", lengths.length, "batch", shape.batch());
            for (int b = 0; b < lengths.length; b++) {
                Check.inRange("lengths[" + b + "]", lengths[b], 0, shape.keys());
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeyLengths k && Arrays.equals(lengths, k.lengths);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(lengths);
        }

        @Override
        public String toString() {
            return "KeyLengths" + Arrays.toString(lengths);
        }
    }

    record Elements(boolean[] visible) implements Mask {
        @Override
        public boolean isVisible(Shape shape, int row, int col) {
            return visible[shape.offset(row) + col];
        }

        @Override
        public int prefixLength(Shape shape, int row) {
            int off = shape.offset(row);
            int len = 0;
            while (len < shape.cols() && visible[off + len]) {
                len++;
            }
            for (int c = len; c < shape.cols(); c++) {
                if (visible[off + c]) {
                    return -1;
                }
            }
            return len;
        }

        @Override
        public void validate(Shape shape) {
            shape.requireSize("mask", visible.length);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Elements e && Arrays.equals(visible, e.visible);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(visible);
        }

        @Override
        public String toString() {
            return "Elements[" + visible.length + "]";
        }
    }

    record And(Mask a, Mask b) implements Mask {
        @Override
        public boolean isVisible(Shape shape, int row, int col) {
            return a.isVisible(shape, row, col) && b.isVisible(shape, row, col);
        }

        @Override
        public int prefixLength(Shape shape, int row) {
            int pa = a.prefixLength(shape, row);
            int pb = b.prefixLength(shape, row);
            return pa >= 0 && pb >= 0 ? Math.min(pa, pb) : -1;
        }

        @Override
        public void validate(Shape shape) {
            a.validate(shape);
            b.validate(shape);
        }
    }
}
