package io.github.softmaxlab.normalize;

import java.util.Arrays;

/** Sorting shared by the sort-based sparse normalizers. */
final class SortedRows {

    private SortedRows() {
    }

    /** A new array holding {@code z[0..m)} in descending order. */
    static double[] descending(double[] z, int m) {
        double[] s = Arrays.copyOf(z, m);
        Arrays.sort(s);
        for (int i = 0, j = m - 1; i < j; i++, j--) {
            double t = s[i];
            s[i] = s[j];
            s[j] = t;
        }
        return s;
    }

    /**
     * Indices of {@code z[0..m)} ordered by decreasing value, ties by the lower index first (a stable order, so
     * results do not depend on the sort's internals).
     */
    static int[] orderDescending(double[] z, int m) {
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> z[a] != z[b] ? Double.compare(z[b], z[a]) : Integer.compare(a, b));
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            out[i] = order[i];
        }
        return out;
    }
}
