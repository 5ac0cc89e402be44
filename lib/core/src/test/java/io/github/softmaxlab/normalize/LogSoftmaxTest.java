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

class LogSoftmaxTest {

    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    @Test
    void equalsLogOfSoftmaxAndHandlesExtremes() {
        Random random = new Random(31);
        Shape shape = Shape.of(3, 40);
        double[] z = Rows.roundToFloat(Rows.gaussian(random, shape.size(), 5));
        double[] log = new double[shape.size()];
        LogSoftmax.forward(z, log, shape, Mask.NONE);
        double[] p = new double[shape.size()];
        Softmax.standard().forward(z, p, shape, Mask.NONE);
        for (int i = 0; i < p.length; i++) {
            assertEquals(Math.log(p[i]), log[i], 1e-12);
        }
        float[] logf = new float[shape.size()];
        LogSoftmax.forward(Rows.toFloat(z), logf, shape, Mask.NONE);
        assertTrue(Rows.maxAbsError(logf, log) < 5e-6);

        double[] extreme = new double[3];
        LogSoftmax.forward(new double[] {-1e30, -1e30, -1e30}, extreme, Shape.of(1, 3), Mask.NONE);
        assertArrayEquals(new double[] {-Math.log(3), -Math.log(3), -Math.log(3)}, extreme, 1e-15);
        float[] extremeF = new float[3];
        LogSoftmax.forward(new float[] {1e30f, 0f, -1e30f}, extremeF, Shape.of(1, 3), Mask.NONE);
        assertArrayEquals(new float[] {0f, -1e30f, -2e30f}, extremeF, 1e24f);
    }

    @Test
    void maskedAndMinusInfinityEntriesAreMinusInfinityWithZeroGradient() {
        Shape shape = Shape.attention(1, 1, 2, 2); // query 0 sees key 0; query 1 sees keys 0 and 1
        float[] out = new float[4];
        LogSoftmax.forward(new float[] {1, 2, 3, 4}, out, shape, Mask.causal());
        assertEquals(0f, out[0]);
        assertEquals(Float.NEGATIVE_INFINITY, out[1]);
        assertEquals(3 - Math.log(Math.exp(3) + Math.exp(4)), out[2], 1e-6);
        float[] grad = new float[4];
        LogSoftmax.backward(out, new float[] {1, 1, 1, 1}, grad, shape, Mask.causal());
        assertEquals(0f, grad[0], "d/dz of log(1) is 0 when its only entry moves");
        assertEquals(0f, grad[1]);

        // −∞ acts like a mask, and a fully masked row is all −∞ with zero gradient, in both precisions.
        double[] z = {0.5, NEG_INF, 2, NEG_INF, NEG_INF, NEG_INF};
        Shape two = Shape.of(2, 3);
        Mask hideMiddle = Mask.elements(new boolean[] {true, false, true, true, true, true});
        double[] expected = new double[6];
        LogSoftmax.forward(new double[] {0.5, 99, 2, NEG_INF, NEG_INF, NEG_INF}, expected, two, hideMiddle);
        double[] got = new double[6];
        LogSoftmax.forward(z, got, two, Mask.NONE);
        assertArrayEquals(expected, got, 1e-15);
        float[] gotF = new float[6];
        LogSoftmax.forward(Rows.toFloat(z), gotF, two, Mask.NONE);
        assertArrayEquals(Rows.toFloat(expected), gotF, 1e-7f);
        double[] g = {1, 2, 3, 4, 5, 6};
        double[] dz = new double[6];
        LogSoftmax.backward(got, g, dz, two, Mask.NONE);
        double[] dzMasked = new double[6];
        LogSoftmax.backward(expected, g, dzMasked, two, hideMiddle);
        assertArrayEquals(dzMasked, dz, 1e-15);
        assertArrayEquals(new double[] {0, 0, 0}, java.util.Arrays.copyOfRange(dz, 3, 6), 0.0);
        float[] dzF = new float[6];
        LogSoftmax.backward(gotF, Rows.toFloat(g), dzF, two, Mask.NONE);
        assertArrayEquals(Rows.toFloat(dz), dzF, 1e-6f);
    }

    @Test
    void gradientMatchesFiniteDifferencesWithAndWithoutMasks() {
        Random random = new Random(32);
        Shape shape = Shape.attention(2, 1, 3, 4);
        double[] z = Rows.roundToFloat(Rows.gaussian(random, shape.size(), 2));
        for (Mask mask : Rows.testMasks(random, shape)) {
            GradCheck.vjp("log-softmax " + mask, z, shape.size(), x -> forward(x, shape, mask), (x, g) -> {
                double[] dz = new double[shape.size()];
                LogSoftmax.backward(forward(x, shape, mask), g, dz, shape, mask);
                return dz;
            }, 7);
            double[] g = Rows.roundToFloat(Rows.gaussian(random, shape.size(), 1));
            double[] dz = new double[shape.size()];
            LogSoftmax.backward(forward(z, shape, mask), g, dz, shape, mask);
            float[] outF = new float[shape.size()];
            LogSoftmax.forward(Rows.toFloat(z), outF, shape, mask);
            float[] dzF = new float[shape.size()];
            LogSoftmax.backward(outF, Rows.toFloat(g), dzF, shape, mask);
            assertTrue(Rows.maxAbsError(dzF, dz) < 1e-5, "float32 gradient, " + mask);
        }
    }

    private static double[] forward(double[] z, Shape shape, Mask mask) {
        double[] out = new double[shape.size()];
        LogSoftmax.forward(z, out, shape, mask);
        return out;
    }

    @Test
    void rejectsBadInput() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> LogSoftmax.forward(new float[] {Float.NaN}, new float[1], Shape.of(1, 1), Mask.NONE));
        assertTrue(e.getMessage().contains("scores[row 0, col 0] is NaN"), e.getMessage());
        var f = assertThrows(IllegalArgumentException.class,
                () -> LogSoftmax.forward(new float[4], new float[3], Shape.of(2, 2), Mask.NONE));
        assertTrue(f.getMessage().contains("out has length 3"), f.getMessage());
        var g = assertThrows(IllegalArgumentException.class,
                () -> LogSoftmax.backward(new double[4], new double[5], new double[4], Shape.of(2, 2), Mask.NONE));
        assertTrue(g.getMessage().contains("gradOut has length 5"), g.getMessage());
    }
}
