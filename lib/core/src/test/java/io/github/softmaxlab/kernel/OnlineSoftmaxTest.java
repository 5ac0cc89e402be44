package io.github.softmaxlab.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.kernel.OnlineSoftmax.State;
import io.github.softmaxlab.kernel.OnlineSoftmax.TopKState;
import io.github.softmaxlab.kernel.reference.OnlineSoftmaxReference;
import io.github.softmaxlab.kernel.reference.SoftmaxReference;
import io.github.softmaxlab.testing.Rows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Milakov &amp; Gimelshein's online normalizer: the (m, d) states, their merge, and the fused top-k. "Within 1e-6"
 * means relative error: |a − b| ≤ 1e-6·|b| on d and on each probability (relative to the float64 reference).
 */
class OnlineSoftmaxTest {

    @Test
    void equalsTheSafeSoftmaxOnGaussianAndWideUniformRows() {
        Random random = new Random(3);
        for (int n : new int[] {1, 31, 5000, 100_003}) {
            for (double[] row : new double[][] {Rows.gaussian(random, n, 10), Rows.uniform(random, n, -1000, 1000)}) {
                float[] x = Rows.toFloat(row);
                double[] xd = Rows.toDouble(x);
                State s = OnlineSoftmax.reduce(x, 0, n);
                assertEquals(SoftmaxReference.max(xd, 0, n), s.max(), 0.0);
                double lse = SoftmaxReference.logSumExp(xd, 0, n);
                double d = Math.exp(lse - s.max());
                assertEquals(d, s.sum(), 1e-6 * d, "d at n = " + n);
                // "Equals safe": the three-pass kernel forms the same float32 differences x − max, so the two
                // agree to 1e-6; against float64 both are off by up to 4e-6 on tiny probabilities, because
                // x − max is rounded in float32 (see SoftmaxKernelsTest).
                float[] y = new float[n];
                OnlineSoftmax.softmax(x, 0, y, 0, n);
                float[] safe = new float[n];
                SoftmaxKernel.softmax(x, 0, safe, 0, n);
                double err = Rows.maxRelativeError(y, Rows.toDouble(safe), 1e-30);
                assertTrue(err < 1e-6, "online vs safe at n = " + n + ": relative error " + err);
                double[] expected = new double[n];
                SoftmaxReference.softmax(xd, 0, expected, 0, n);
                assertTrue(Rows.maxRelativeError(y, expected, 1e-30) < 1e-5, "online vs float64 at n = " + n);
                double[] twin = new double[n];
                OnlineSoftmaxReference.softmax(xd, 0, twin, 0, n);
                assertTrue(Rows.maxRelativeError(twin, expected, 1e-300) < 1e-12, "float64 twin at n = " + n);
            }
        }
    }

    /** Cuts {@code [0, n)} at random into chunks of 1..maxLen entries: {start, length} pairs. */
    private static List<int[]> randomChunks(Random random, int n, int maxLen) {
        List<int[]> chunks = new ArrayList<>();
        for (int start = 0; start < n; ) {
            int len = Math.min(1 + random.nextInt(maxLen), n - start);
            chunks.add(new int[] {start, len});
            start += len;
        }
        return chunks;
    }

    /** Merges random neighbours, in random operand order, until one value is left: a random reduction tree. */
    private static <T> T mergeInRandomTree(List<T> parts, Random random, BinaryOperator<T> merge) {
        List<T> states = new ArrayList<>(parts);
        while (states.size() > 1) {
            int i = random.nextInt(states.size() - 1);
            T a = states.get(i);
            T b = states.remove(i + 1);
            states.set(i, random.nextBoolean() ? merge.apply(a, b) : merge.apply(b, a));
        }
        return states.get(0);
    }

    @Test
    void chunksMergedInAnyTreeOrderGiveTheSameState() {
        Random random = new Random(5);
        float[] x = Rows.toFloat(Rows.gaussian(random, 10_000, 10));
        State whole = OnlineSoftmax.reduce(x, 0, x.length);
        for (int trial = 0; trial < 20; trial++) {
            List<State> parts = randomChunks(random, x.length, 1500).stream()
                    .map(c -> OnlineSoftmax.reduce(x, c[0], c[1])).toList();
            State s = mergeInRandomTree(parts, random, State::merge);
            assertEquals(whole.max(), s.max(), 0.0);
            assertEquals(whole.sum(), s.sum(), 1e-6 * whole.sum(), "trial " + trial);
        }
    }

    @Test
    void identityIsNeutralAndTwoIdentitiesDoNotMakeNaN() {
        State a = new State(2.5, 3.0);
        assertEquals(a, a.merge(State.IDENTITY));
        assertEquals(a, State.IDENTITY.merge(a));
        assertEquals(State.IDENTITY, State.IDENTITY.merge(State.IDENTITY));
        assertEquals(State.IDENTITY, State.of(Double.NEGATIVE_INFINITY));
        assertEquals(new State(-1.5, 1), State.of(-1.5));
        float[] minusInf = new float[40];
        Arrays.fill(minusInf, Float.NEGATIVE_INFINITY);
        assertEquals(State.IDENTITY, OnlineSoftmax.reduce(minusInf, 0, 40));
        assertEquals(State.IDENTITY, OnlineSoftmax.reduce(new float[0], 0, 0));
        assertEquals(State.IDENTITY, OnlineSoftmaxReference.reduce(Rows.toDouble(minusInf), 0, 40));
        float[] y = new float[40];
        OnlineSoftmax.softmax(minusInf, 0, y, 0, 40);
        assertArrayEquals(new float[40], y, 0f);
    }

    @Test
    void fusedTopKEqualsSortBasedTopK() {
        Random random = new Random(9);
        for (int n : new int[] {1, 5, 16, 100, 4099, 100_000}) {
            float[] x = Rows.toFloat(Rows.gaussian(random, n, 4));
            for (int i = 0; i + 7 < n; i += 13) {
                x[i + 7] = x[i]; // ties, so that the lower-index rule matters
            }
            double[] xd = Rows.toDouble(x);
            double[] p = new double[n];
            SoftmaxReference.softmax(xd, 0, p, 0, n);
            for (int k : new int[] {0, 1, 5, Math.min(n, 20), n}) {
                if (k > n || (k == n && n > 200)) {
                    continue;
                }
                int[] expected = OnlineSoftmaxReference.topKIndices(xd, 0, n, k);
                TopK top = OnlineSoftmax.topK(x, 0, n, k);
                assertArrayEquals(expected, top.indices(), "n = " + n + ", k = " + k);
                for (int j = 0; j < k; j++) {
                    assertEquals(p[expected[j]], top.probabilities()[j], 1e-6 * p[expected[j]] + 1e-30,
                            "probability of rank " + j);
                }
            }
        }
    }

    @Test
    void topKStatesOverChunksMergeInAnyTreeOrder() {
        Random random = new Random(12);
        float[] x = Rows.toFloat(Rows.gaussian(random, 30_000, 2));
        for (int i = 0; i + 1000 < x.length; i += 997) {
            x[i + 1000] = x[i];
        }
        int k = 7;
        TopK whole = OnlineSoftmax.topK(x, 0, x.length, k);
        for (int trial = 0; trial < 10; trial++) {
            List<TopKState> parts = randomChunks(random, x.length, 4000).stream()
                    .map(c -> OnlineSoftmax.reduceTopK(x, c[0], c[1], k, c[0])).toList();
            TopK merged = mergeInRandomTree(parts, random, TopKState::merge).result();
            assertArrayEquals(whole.indices(), merged.indices(), "trial " + trial);
            assertArrayEquals(whole.probabilities(), merged.probabilities(), 1e-6f * whole.probabilities()[0]);
        }
        TopKState some = OnlineSoftmax.reduceTopK(x, 0, 100, k, 0);
        assertEquals(some.result(), some.merge(TopKState.empty(k)).result());
        assertEquals(some.result(), TopKState.empty(k).merge(some).result());
        var e = assertThrows(IllegalArgumentException.class, () -> some.merge(TopKState.empty(3)));
        assertTrue(e.getMessage().contains("7") && e.getMessage().contains("3"), e.getMessage());
    }

    @Test
    void topKRejectsKOutOfRangeAndPadsRowsWithFewFiniteEntries() {
        var e = assertThrows(IllegalArgumentException.class, () -> OnlineSoftmax.topK(new float[3], 0, 3, 4));
        assertTrue(e.getMessage().contains("k") && e.getMessage().contains("4") && e.getMessage().contains("3"));
        float inf = Float.NEGATIVE_INFINITY;
        TopK t = OnlineSoftmax.topK(new float[] {inf, 2f, inf, inf}, 0, 4, 3);
        assertArrayEquals(new int[] {1, 0, 2}, t.indices());
        assertArrayEquals(new float[] {1f, 0f, 0f}, t.probabilities());
    }

    @Test
    void unfusedSelectionAgreesWithFusedTopK() {
        float[] x = Rows.toFloat(Rows.gaussian(new Random(13), 5000, 3));
        float[] p = new float[x.length];
        SoftmaxKernel.softmax(x, 0, p, 0, x.length);
        TopK fused = OnlineSoftmax.topK(x, 0, x.length, 5);
        TopK unfused = TopK.select(p, 0, p.length, 5);
        assertArrayEquals(fused.indices(), unfused.indices());
        assertArrayEquals(fused.probabilities(), unfused.probabilities(), 1e-6f);
    }
}
