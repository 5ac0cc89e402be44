package io.github.softmaxlab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.testing.Rows;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SphericalStatisticsTest {

    /** The spec's test: the O(d²) statistics equal the explicit ones to within 1e-9 (relative). */
    @Test
    void fastStatisticsEqualTheExplicitOnes() {
        Random random = new Random(12);
        for (int classes : new int[] {1, 10, 1000}) {
            int dim = 16;
            float[] w = Rows.toFloat(Rows.gaussian(random, classes * dim, 0.3));
            SphericalStatistics stats = SphericalStatistics.of(w, classes, dim);
            for (int trial = 0; trial < 20; trial++) {
                float[] h = Rows.toFloat(Rows.gaussian(random, dim, 1));
                int c = random.nextInt(classes);
                var fast = stats.fast(h, c);
                var direct = stats.direct(h, c);
                assertEquals(direct.sum(), fast.sum(), 1e-9 * (1 + Math.abs(direct.sum())));
                assertEquals(direct.sumOfSquares(), fast.sumOfSquares(), 1e-9 * (1 + direct.sumOfSquares()));
                assertEquals(direct.target(), fast.target(), 0);
            }
        }
    }

    /** The Z-loss from the statistics equals ZLoss on the explicit outputs. */
    @Test
    void zLossFromStatisticsEqualsZLoss() {
        Random random = new Random(13);
        int classes = 50;
        int dim = 8;
        float[] w = Rows.toFloat(Rows.gaussian(random, classes * dim, 1));
        float[] h = Rows.toFloat(Rows.gaussian(random, dim, 1));
        double[] o = new double[classes];
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < dim; i++) {
                o[k] += (double) w[k * dim + i] * h[i];
            }
        }
        ZLoss z = ZLoss.of(2, 1.5);
        double fromStats = SphericalStatistics.of(w, classes, dim).fast(h, 7).zLoss(z, classes);
        assertEquals(z.forward(o, new int[] {7}, Shape.of(1, classes), Mask.NONE), fromStats, 1e-9);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SphericalStatistics.of(new float[5], 2, 3));
        var s = SphericalStatistics.of(new float[6], 2, 3);
        assertThrows(IllegalArgumentException.class, () -> s.fast(new float[3], 2));
        assertThrows(IllegalArgumentException.class, () -> s.fast(new float[4], 0));
    }
}
