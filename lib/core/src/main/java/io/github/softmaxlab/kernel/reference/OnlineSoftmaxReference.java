package io.github.softmaxlab.kernel.reference;

import io.github.softmaxlab.kernel.OnlineSoftmax;
import io.github.softmaxlab.kernel.OnlineSoftmax.State;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Float64 twin of {@link OnlineSoftmax}: the online normalizer of Milakov &amp; Gimelshein (arXiv 1805.02867,
 * Algorithm 3) as the paper writes it, one element at a time,
 * <pre>
 *   m_0 = −∞, d_0 = 0;   m_j = max(m_{j−1}, x_j),   d_j = d_{j−1} · e^{m_{j−1} − m_j} + e^{x_j − m_j};
 *   y_i = e^{x_i − m_V} / d_V,
 * </pre>
 * and the fused top-k checked against plain sorting. An empty or all −∞ row gives the identity state (−∞, 0) and
 * zero weights.
 */
public final class OnlineSoftmaxReference {

    private OnlineSoftmaxReference() {
    }

    /** The state (m_V, d_V) after the whole row, by the recurrence above. */
    public static State reduce(double[] x, int off, int n) {
        double m = Double.NEGATIVE_INFINITY;
        double d = 0;
        for (int j = 0; j < n; j++) {
            double newM = Math.max(m, x[off + j]);
            // Until a finite entry arrives, m stays −∞ and e^{−∞ − (−∞)} would be NaN.
            if (newM > Double.NEGATIVE_INFINITY) {
                d = d * Math.exp(m - newM) + Math.exp(x[off + j] - newM);
                m = newM;
            }
        }
        return new State(m, d);
    }

    /** {@code y_i = e^{x_i − m_V} / d_V}; zeros for an empty or all −∞ row. */
    public static void softmax(double[] x, int xOff, double[] y, int yOff, int n) {
        State s = reduce(x, xOff, n);
        if (s.max() == Double.NEGATIVE_INFINITY) {
            Arrays.fill(y, yOff, yOff + n, 0.0);
            return;
        }
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.exp(x[xOff + i] - s.max()) / s.sum();
        }
    }

    /**
     * The indices of the k largest entries by sorting the whole row: largest first, ties broken by the lower
     * index. The unfused, obviously right answer that {@link OnlineSoftmax#topK} must reproduce.
     */
    public static int[] topKIndices(double[] x, int off, int n, int k) {
        return IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -x[off + i]).thenComparingInt(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }
}
