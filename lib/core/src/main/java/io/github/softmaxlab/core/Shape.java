package io.github.softmaxlab.core;

/**
 * The layout of a batch of score rows stored row-major in one flat array.
 *
 * <p>Every normalizer works on {@code rows() × cols()} scores. Attention scores carry more structure: row
 * {@code r} is query {@link #query(int) query(r)} of head {@link #head(int) head(r)} of batch element
 * {@link #batchIndex(int) batchIndex(r)}, laid out as {@code [batch][heads][queries]}, and the columns are keys.
 * Masks and per-head parameters (SSMax's s) read that structure; plain classification rows use {@link #of}.
 *
 * @param batch   number of independent sequences (or of samples, for classification)
 * @param heads   attention heads per sequence (1 outside attention)
 * @param queries query positions per head (1 outside attention)
 * @param keys    entries per row: keys for attention, classes for classification
 */
public record Shape(int batch, int heads, int queries, int keys) {

    public Shape {
        Check.nonNegative("batch", batch);
        Check.positive("heads", heads);
        Check.nonNegative("queries", queries);
        Check.nonNegative("keys", keys);
        if ((long) batch * heads * queries * keys > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Shape " + batch + "×" + heads + "×" + queries + "×" + keys
                    + " has more than Integer.MAX_VALUE entries");
        }
    }

    /** A plain batch of {@code rows} rows with {@code cols} entries each. */
    public static Shape of(int rows, int cols) {
        return new Shape(rows, 1, 1, cols);
    }

    /** Attention scores: {@code batch × heads × queries} rows of {@code keys} entries. */
    public static Shape attention(int batch, int heads, int queries, int keys) {
        return new Shape(batch, heads, queries, keys);
    }

    /** Number of rows, {@code batch · heads · queries}. */
    public int rows() {
        return batch * heads * queries;
    }

    /** Entries per row. */
    public int cols() {
        return keys;
    }

    /** Total number of entries, {@code rows · cols}. */
    public int size() {
        return rows() * keys;
    }

    /** Offset of row {@code r} in the flat array. */
    public int offset(int r) {
        return r * keys;
    }

    /** Query position of row {@code r} (0 outside attention). */
    public int query(int r) {
        return r % queries;
    }

    /** Head of row {@code r} (0 outside attention). */
    public int head(int r) {
        return (r / queries) % heads;
    }

    /** Batch element of row {@code r}. */
    public int batchIndex(int r) {
        return r / (queries * heads);
    }

    /** Throws unless {@code array} holds exactly {@link #size()} entries. */
    public void requireSize(String name, int length) {
        if (length != size()) {
            throw new IllegalArgumentException(name + " has length " + length + " but shape " + this
                    + " needs " + size() + " (" + rows() + " rows × " + cols() + " cols)");
        }
    }

    @Override
    public String toString() {
        return heads == 1 && queries == 1 ? "[" + batch + "×" + keys + "]"
                : "[batch " + batch + " × heads " + heads + " × queries " + queries + " × keys " + keys + "]";
    }
}
