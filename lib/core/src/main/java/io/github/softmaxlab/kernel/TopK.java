package io.github.softmaxlab.kernel;

import java.util.Arrays;

/**
 * The k most probable entries of a softmax row: their indices and probabilities, most probable first, ties broken
 * by the lower index. Produced by {@link OnlineSoftmax#topK} without computing the other n − k probabilities.
 *
 * @param indices       positions in the row
 * @param values        the raw scores at those positions
 * @param probabilities {@code softmax(x)} at those positions
 */
public record TopK(int[] indices, float[] values, float[] probabilities) {

    /**
     * The unfused baseline of Milakov &amp; Gimelshein's §4: top-k selected from probabilities that a softmax has
     * already written to {@code p} (one more read of the row after the softmax's passes). The returned
     * {@code values} are the probabilities themselves.
     */
    public static TopK select(float[] p, int off, int n, int k) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("k must be in [0, n = " + n + "], got " + k);
        }
        Builder b = new Builder(k);
        for (int i = 0; i < n; i++) {
            if (p[off + i] >= b.threshold()) {
                b.offer(p[off + i], i);
            }
        }
        TopK t = b.build(new OnlineSoftmax.State(0, 1));
        return new TopK(t.indices, t.values, t.values.clone());
    }

    /** Number of entries kept. */
    public int k() {
        return indices.length;
    }

    @Override
    public String toString() {
        return "TopK" + Arrays.toString(indices) + " p=" + Arrays.toString(probabilities);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopK t && Arrays.equals(indices, t.indices) && Arrays.equals(values, t.values)
                && Arrays.equals(probabilities, t.probabilities);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(indices) * 31 + Arrays.hashCode(probabilities);
    }

    /**
     * A sorted buffer of the k best (value, index) pairs seen so far, kept by insertion sort as in the paper. Two
     * builders over different chunks of a row merge with {@link #merge}.
     */
    public static final class Builder {
        private final float[] values;
        private final int[] indices;
        private int size;

        /** @param k how many entries to keep */
        public Builder(int k) {
            this.values = new float[k];
            this.indices = new int[k];
        }

        /** How many entries this buffer keeps. */
        public int capacity() {
            return values.length;
        }

        /** An independent copy of this buffer. */
        public Builder copy() {
            Builder c = new Builder(values.length);
            System.arraycopy(values, 0, c.values, 0, size);
            System.arraycopy(indices, 0, c.indices, 0, size);
            c.size = size;
            return c;
        }

        /** The value an entry must reach to enter the buffer: −∞ until it is full, +∞ for k = 0. */
        public float threshold() {
            if (values.length == 0) {
                return Float.POSITIVE_INFINITY;
            }
            return size < values.length ? Float.NEGATIVE_INFINITY : values[size - 1];
        }

        /** Offers entry {@code index} with raw score {@code value}; −∞ entries never enter. */
        public void offer(float value, int index) {
            if (values.length == 0 || value == Float.NEGATIVE_INFINITY) {
                return;
            }
            int pos = size < values.length ? size : values.length - 1;
            if (size == values.length && !before(value, index, values[pos], indices[pos])) {
                return;
            }
            while (pos > 0 && before(value, index, values[pos - 1], indices[pos - 1])) {
                values[pos] = values[pos - 1];
                indices[pos] = indices[pos - 1];
                pos--;
            }
            values[pos] = value;
            indices[pos] = index;
            size = Math.min(size + 1, values.length);
        }

        /** Adds every entry of {@code other} (a buffer over another chunk of the same row). */
        public void merge(Builder other) {
            for (int j = 0; j < other.size; j++) {
                offer(other.values[j], other.indices[j]);
            }
        }

        private static boolean before(float v, int i, float w, int j) {
            return v > w || (v == w && i < j);
        }

        /**
         * The result for a row with normalizer {@code state}. If fewer than k finite entries were seen, the
         * remaining slots are the lowest unused indices with probability 0, so the result always has k entries.
         */
        public TopK build(OnlineSoftmax.State state) {
            int k = values.length;
            int[] idx = Arrays.copyOf(indices, k);
            float[] val = Arrays.copyOf(values, k);
            float[] p = new float[k];
            for (int j = 0; j < size; j++) {
                p[j] = (float) (Math.exp(values[j] - state.max()) / state.sum());
            }
            fillUnused(idx, val, size);
            return new TopK(idx, val, p);
        }

        private static void fillUnused(int[] idx, float[] val, int from) {
            int candidate = 0;
            for (int j = from; j < idx.length; j++) {
                while (contains(idx, from, candidate)) {
                    candidate++;
                }
                idx[j] = candidate++;
                val[j] = Float.NEGATIVE_INFINITY;
            }
        }

        private static boolean contains(int[] idx, int size, int value) {
            for (int j = 0; j < size; j++) {
                if (idx[j] == value) {
                    return true;
                }
            }
            return false;
        }
    }
}
