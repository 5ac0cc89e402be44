package io.github.softmaxlab.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.kernel.OnlineSoftmax.State;
import io.github.softmaxlab.kernel.reference.SoftmaxReference;
import io.github.softmaxlab.testing.Rows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Milakov &amp; Gimelshein's online normalizer: the (m, d) states, their merge, and the fused top-k. */
class OnlineSoftmaxTest {

    @Test
    void oneStateEqualsTheSafeNormalizer() {
        Random random = new Random(3);
        for (double[] x : new double[][] {Rows.gaussian(random, 5000, 10), Rows.uniform(random, 5000, -1000, 1000)}) {
            float[] xf = Rows.toFloat(x);
            State s = OnlineSoftmax.reduce(xf, 0, xf.length);
            double lse = SoftmaxReference.logSumExp(Rows.toDouble(xf), 0, xf.length);
            assertEquals(SoftmaxReference.max(Rows.toDouble(xf), 0, xf.length), s.max(), 0.0);
            assertEquals(lse, s.logSumExp(), 1e-6 * Math.max(1, Math.abs(lse)));
        }
    }

    @Test
    void chunksMergedInAnyTreeOrderGiveTheSameState() {
        Random random = new Random(5);
        float[] x = Rows.toFloat(Rows.gaussian(random, 10_000, 10));
        State whole = OnlineSoftmax.reduce(x, 0, x.length);
        for (int trial = 0; trial < 20; trial++) {
            // Random cut points, then merge random neighbours until one state is left.
            List<State> states = new ArrayList<>();
            int start = 0;
            while (start < x.length) {
                int len = 1 + random.nextInt(1500);
                int end = Math.min(x.length, start + len);
                states.add(OnlineSoftmax.reduce(x, start, end - start));
                start = end;
            }
            while (states.size() > 1) {
                int i = random.nextInt(states.size() - 1);
                State merged = random.nextBoolean() ? states.get(i).merge(states.get(i + 1))
                        : states.get(i + 1).merge(states.get(i));
                states.set(i, merged);
                states.remove(i + 1);
            }
            State s = states.get(0);
            assertEquals(whole.max(), s.max(), 0.0);
            assertEquals(whole.sum(), s.sum(), 1e-6 * whole.sum(), "trial " + trial);
        }
    }

    @Test
    void identityIsNeutralAndTwoIdentitiesDoNotMakeNaN() {
        State a = new State(2.5, 3.0);
        assertEquals(a, a.merge(State.IDENTITY));
        assertEquals(a, State.IDENTITY.merge(a));
        State both = State.IDENTITY.merge(State.IDENTITY);
        assertEquals(State.IDENTITY, both);
        assertEquals(State.IDENTITY, State.of(Double.NEGATIVE_INFINITY));
        float[] minusInf = new float[40];
        java.util.Arrays.fill(minusInf, Float.NEGATIVE_INFINITY);
        assertEquals(State.IDENTITY, OnlineSoftmax.reduce(minusInf, 0, 40));
        assertEquals(State.IDENTITY, OnlineSoftmax.reduce(new float[0], 0, 0));
    }

    @Test
    void fusedTopKEqualsSortBasedTopK() {
        Random random = new Random(9);
        for (int n : new int[] {1, 5, 16, 100, 4099, 100_000}) {
            float[] x = Rows.toFloat(Rows.gaussian(random, n, 4));
            // Ties: copy some values so the lower-index rule matters.
            for (int i = 0; i + 7 < n; i += 13) {
                x[i + 7] = x[i];
            }
            double[] p = new double[n];
            SoftmaxReference.softmax(Rows.toDouble(x), 0, p, 0, n);
            for (int k : new int[] {0, 1, 5, Math.min(n, 20), n}) {
                if (k > n || (k == n && n > 200)) {
                    continue;
                }
                int[] expected = IntStream.range(0, n).boxed()
                        .sorted(Comparator.<Integer>comparingDouble(i -> -x[i]).thenComparingInt(i -> i))
                        .limit(k).mapToInt(Integer::intValue).toArray();
                TopK top = OnlineSoftmax.topK(x, 0, n, k);
                assertArrayEquals(expected, top.indices(), "n = " + n + ", k = " + k);
                for (int j = 0; j < k; j++) {
                    assertEquals(p[expected[j]], top.probabilities()[j], 1e-6 * p[expected[j]] + 1e-12,
                            "probability of rank " + j);
                }
            }
        }
    }

    @Test
    void topKBuffersOverChunksMerge() {
        Random random = new Random(12);
        float[] x = Rows.toFloat(Rows.gaussian(random, 3000, 2));
        TopK.Builder left = new TopK.Builder(7);
        TopK.Builder right = new TopK.Builder(7);
        for (int i = 0; i < 1200; i++) {
            left.offer(x[i], i);
        }
        for (int i = 1200; i < 3000; i++) {
            right.offer(x[i], i);
        }
        right.merge(left);
        TopK merged = right.build(OnlineSoftmax.reduce(x, 0, x.length));
        assertEquals(OnlineSoftmax.topK(x, 0, x.length, 7), merged);
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
