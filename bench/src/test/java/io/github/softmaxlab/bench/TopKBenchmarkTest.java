package io.github.softmaxlab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.softmaxlab.kernel.OnlineSoftmax;
import io.github.softmaxlab.kernel.SoftmaxKernel;
import io.github.softmaxlab.kernel.TopK;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKBenchmarkTest {

    /** The three contenders must find the same five entries, or the timing compares different work. */
    @Test
    void sortSelectAndFusedAgreeOnTheTopFive() {
        int n = 5000;
        float[] x = new float[n];
        Random random = new Random(7);
        for (int i = 0; i < n; i++) {
            x[i] = (float) (random.nextGaussian() * 3);
        }
        float[] p = new float[n];
        SoftmaxKernel.softmax(x, 0, p, 0, n);
        int[] fused = OnlineSoftmax.topK(x, 0, n, 5).indices();
        assertArrayEquals(fused, TopK.select(p, 0, n, 5).indices());
        assertArrayEquals(fused, TopKBenchmark.sortTopK(p, 0, n, new long[n]));
    }
}
