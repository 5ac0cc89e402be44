package io.github.softmaxlab.bench;

import io.github.softmaxlab.kernel.OnlineSoftmax;
import io.github.softmaxlab.kernel.SoftmaxKernel;
import io.github.softmaxlab.kernel.TopK;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Softmax + top-5 over a batch of 10 rows of V scores, the last step of sampling from a language model
 * (Milakov &amp; Gimelshein §4). Three ways:
 * <ul>
 *   <li>{@code safeSort}: vectorised safe softmax writes all V probabilities, then the row is sorted;</li>
 *   <li>{@code safeSelect}: the same softmax, then one more pass keeps the 5 largest in a small sorted buffer
 *       (the paper's unfused baseline, {@link TopK#select});</li>
 *   <li>{@code fused}: {@link OnlineSoftmax#topK}, one pass that keeps max, normalizer and the 5 largest scores,
 *       writing nothing but 5 probabilities.</li>
 * </ul>
 */
public class TopKBenchmark extends KernelBenchmark {

    private static final int ROWS = 10;
    private static final int K = 5;

    /** Scores per row (vocabulary size). */
    @Param({"1000", "100000", "1000000"})
    public int v;

    private float[] x;
    private float[] p;
    private long[] keys;

    /** Scores ~ N(0, 3²) from a fixed seed. */
    @Setup
    public void setup() {
        x = scores(ROWS * v, 180_502_867L);
        p = new float[ROWS * v];
        keys = new long[v];
    }

    /** Safe softmax of each row, then a full sort of its probabilities. */
    @Benchmark
    public void safeSort(Blackhole bh) {
        for (int r = 0; r < ROWS; r++) {
            SoftmaxKernel.softmax(x, r * v, p, r * v, v);
            bh.consume(sortTopK(p, r * v, v, keys));
        }
    }

    /** Safe softmax of each row, then a top-5 selection pass over the probabilities. */
    @Benchmark
    public void safeSelect(Blackhole bh) {
        for (int r = 0; r < ROWS; r++) {
            SoftmaxKernel.softmax(x, r * v, p, r * v, v);
            bh.consume(TopK.select(p, r * v, v, K));
        }
    }

    /** Fused online softmax + top-5: one pass per row, no probabilities written. */
    @Benchmark
    public void fused(Blackhole bh) {
        for (int r = 0; r < ROWS; r++) {
            bh.consume(OnlineSoftmax.topK(x, r * v, v, K));
        }
    }

    /**
     * The indices of the K largest probabilities, by sorting (probability, index) pairs packed in longs: the bits
     * of a non-negative float order like its value, and the complemented index breaks ties towards lower indices.
     */
    static int[] sortTopK(float[] probs, int off, int n, long[] keys) {
        for (int i = 0; i < n; i++) {
            keys[i] = (long) Float.floatToRawIntBits(probs[off + i]) << 32 | (~i & 0xffffffffL);
        }
        Arrays.sort(keys, 0, n);
        int[] top = new int[K];
        for (int j = 0; j < K; j++) {
            top[j] = ~(int) keys[n - 1 - j];
        }
        return top;
    }
}
