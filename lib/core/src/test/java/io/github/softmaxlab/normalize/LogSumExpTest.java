package io.github.softmaxlab.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.testing.GradCheck;
import io.github.softmaxlab.testing.Rows;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogSumExpTest {

    @Test
    void matchesTheDefinitionAndNeverOverflows() {
        double[] lse = LogSumExp.forward(new double[] {1, 2, 3, 1000, 1000, -1e30}, Shape.of(2, 3), Mask.NONE);
        assertEquals(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)), lse[0], 1e-15);
        assertEquals(1000 + Math.log(2), lse[1], 1e-12);
        float[] lseF = LogSumExp.forward(new float[] {1, 2, 3, 1000, 1000, -1e30f}, Shape.of(2, 3), Mask.NONE);
        assertArrayEquals(Rows.toFloat(lse), lseF, 1e-5f);
    }

    @Test
    void fullyMaskedRowsAreMinusInfinityWithZeroGradient() {
        Shape shape = Shape.attention(2, 1, 1, 3);
        Mask mask = Mask.keyLengths(0, 2);
        float[] z = {1, 2, 3, 4, 5, 6};
        float[] lse = LogSumExp.forward(z, shape, mask);
        assertEquals(Float.NEGATIVE_INFINITY, lse[0]);
        assertEquals(Math.log(Math.exp(4) + Math.exp(5)), lse[1], 1e-6);
        float[] dz = new float[6];
        LogSumExp.backward(z, lse, new float[] {7, 1}, dz, shape, mask);
        assertArrayEquals(new float[] {0, 0, 0, (float) (1 / (1 + Math.E)), (float) (Math.E / (1 + Math.E)), 0},
                dz, 2e-7f);
        double inf = Double.NEGATIVE_INFINITY;
        double[] allInf = {inf, inf};
        double[] lse64 = LogSumExp.forward(allInf, Shape.of(1, 2), Mask.NONE);
        assertEquals(inf, lse64[0]);
        double[] dz64 = new double[2];
        LogSumExp.backward(allInf, lse64, new double[] {1}, dz64, Shape.of(1, 2), Mask.NONE);
        assertArrayEquals(new double[2], dz64, 0.0);
    }

    @Test
    void gradientIsSoftmaxTimesUpstreamAndMatchesFiniteDifferences() {
        Random random = new Random(33);
        Shape shape = Shape.attention(2, 2, 3, 5);
        double[] z = Rows.roundToFloat(Rows.gaussian(random, shape.size(), 3));
        for (Mask mask : Rows.testMasks(random, shape)) {
            GradCheck.vjp("logsumexp " + mask, z, shape.rows(), x -> LogSumExp.forward(x, shape, mask),
                    (x, g) -> backward(x, g, shape, mask), 8);
            double[] g = Rows.roundToFloat(Rows.gaussian(random, shape.rows(), 1));
            double[] dz = backward(z, g, shape, mask);
            double[] p = new double[shape.size()];
            Softmax.standard().forward(z, p, shape, mask);
            for (int i = 0; i < p.length; i++) {
                assertEquals(g[i / shape.cols()] * p[i], dz[i], 1e-15, "d lse / dz = g · softmax at " + i);
            }
            float[] zf = Rows.toFloat(z);
            float[] dzF = new float[shape.size()];
            LogSumExp.backward(zf, LogSumExp.forward(zf, shape, mask), Rows.toFloat(g), dzF, shape, mask);
            assertTrue(Rows.maxAbsError(dzF, dz) < 2e-6, "float32 gradient, " + mask);
        }
    }

    private static double[] backward(double[] z, double[] g, Shape shape, Mask mask) {
        double[] dz = new double[shape.size()];
        LogSumExp.backward(z, LogSumExp.forward(z, shape, mask), g, dz, shape, mask);
        return dz;
    }

    @Test
    void rejectsBadInput() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> LogSumExp.forward(new double[] {1, Double.POSITIVE_INFINITY}, Shape.of(1, 2), Mask.NONE));
        assertTrue(e.getMessage().contains("scores[row 0, col 1] is Infinity"), e.getMessage());
        var f = assertThrows(IllegalArgumentException.class,
                () -> LogSumExp.forward(new float[4], new float[3], Shape.of(2, 2), Mask.NONE));
        assertTrue(f.getMessage().contains("out has length 3"), f.getMessage());
        var g = assertThrows(IllegalArgumentException.class, () -> LogSumExp.backward(new float[4], new float[2],
                new float[1], new float[4], Shape.of(2, 2), Mask.NONE));
        assertTrue(g.getMessage().contains("gradOut has length 1"), g.getMessage());
    }
}
