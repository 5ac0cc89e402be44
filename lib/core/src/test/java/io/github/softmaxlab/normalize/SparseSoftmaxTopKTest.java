package io.github.softmaxlab.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.testing.NormalizerContract;
import io.github.softmaxlab.testing.Rows;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Sparse-softmax top-k (Sun et al. 2021): contract, exactly n − k zeros, k = n is softmax, ties, k &gt; n. */
class SparseSoftmaxTopKTest {

    /**
     * The contract runs rows of 1 and 2 entries, so it uses {@link SparseSoftmaxTopK#atMost}. Gaussian rows keep the
     * k-th and (k+1)-th scores farther apart than the finite-difference step, where the selection is constant.
     */
    @Nested
    class Contract extends NormalizerContract {
        @Override
        protected Normalizer normalizer() {
            return SparseSoftmaxTopK.atMost(3);
        }
    }

    @Test
    void keepsExactlyKEntries() {
        Random random = new Random(2112);
        for (int k : new int[] {1, 2, 5, 20}) {
            for (int n : new int[] {k, k + 1, 50, 200}) {
                double[] z = Rows.gaussian(random, n, 3);
                double[] p = SparseSoftmaxTopK.of(k).apply(z);
                int zeros = 0;
                double smallestKept = Double.POSITIVE_INFINITY;
                double largestDropped = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    if (p[i] == 0) {
                        zeros++;
                        largestDropped = Math.max(largestDropped, z[i]);
                    } else {
                        smallestKept = Math.min(smallestKept, z[i]);
                    }
                }
                assertEquals(n - k, zeros, "k = " + k + ", n = " + n);
                assertTrue(smallestKept > largestDropped, "kept entries are the largest");
            }
        }
    }

    @Test
    void kEqualToNIsTheSoftmax() {
        double[] z = Rows.gaussian(new Random(3), 17, 2);
        assertArrayEquals(Softmax.standard().apply(z), SparseSoftmaxTopK.of(17).apply(z), 1e-15);
        assertArrayEquals(Softmax.standard().apply(z), SparseSoftmaxTopK.atMost(99).apply(z), 1e-15);
    }

    @Test
    void specExample() {
        double e = Math.exp(1);
        double[] expected = {0, e / (1 + e), 1 / (1 + e), 0, 0}; // (0, 0.731, 0.269, 0, 0)
        assertArrayEquals(expected, SparseSoftmaxTopK.of(2).apply(1.0, 3, 2, 0, -1), 1e-15);
        assertEquals(0.731, expected[1], 5e-4);
    }

    @Test
    void tiesGoToTheLowerIndex() {
        assertArrayEquals(new double[] {0.5, 0.5, 0, 0}, SparseSoftmaxTopK.of(2).apply(1.0, 1, 1, 1), 0);
        assertArrayEquals(new double[] {0, 0.5, 0.5, 0}, SparseSoftmaxTopK.of(2).apply(0.0, 1, 1, 1), 0);
    }

    @Test
    void kLargerThanTheRowIsRejectedNamingKAndN() {
        var e = assertThrows(IllegalArgumentException.class, () -> SparseSoftmaxTopK.of(7).apply(1f, 2, 3, 4, 5));
        assertTrue(e.getMessage().contains("k = 7") && e.getMessage().contains("n = 5"), e.getMessage());
        var b = assertThrows(IllegalArgumentException.class, () -> SparseSoftmaxTopK.of(7)
                .backward(new double[5], new double[5], new double[5], new double[5], Shape.of(1, 5), Mask.NONE));
        assertTrue(b.getMessage().contains("k = 7"), b.getMessage());
        var zero = assertThrows(IllegalArgumentException.class, () -> SparseSoftmaxTopK.of(0));
        assertTrue(zero.getMessage().contains("k") && zero.getMessage().contains("0"), zero.getMessage());
    }

    @Test
    void rowsWithFewerVisibleEntriesThanKKeepThemAll() {
        Shape shape = Shape.attention(1, 1, 3, 3);
        double[] w = new double[9];
        SparseSoftmaxTopK.of(2).forward(new double[] {5, 0, 0, 1, 1, 0, 0, 0, 9}, w, shape, Mask.causal());
        double e = Math.exp(9); // the third row keeps 9 and the tied 0 with the lower index
        assertArrayEquals(new double[] {1, 0, 0, 0.5, 0.5, 0, 1 / (1 + e), 0, e / (1 + e)}, w, 1e-15);
    }
}
