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

    @Test
    void equalsLogOfSoftmaxAndHandlesExtremes() {
        Random random = new Random(31);
        Shape shape = Shape.of(3, 40);
        double[] z = Rows.gaussian(random, shape.size(), 5);
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
    void maskedEntriesAreMinusInfinityWithZeroGradient() {
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
        float[] lse = LogSoftmax.logSumExp(new float[] {1, 2, 3, 4, 5, 6}, Shape.attention(2, 1, 1, 3),
                Mask.keyLengths(0, 2));
        assertEquals(Float.NEGATIVE_INFINITY, lse[0]);
        assertEquals(Math.log(Math.exp(4) + Math.exp(5)), lse[1], 1e-6);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Random random = new Random(32);
        Shape shape = Shape.attention(2, 1, 3, 4);
        double[] z = Rows.gaussian(random, shape.size(), 2);
        double[] g = Rows.gaussian(random, shape.size(), 1);
        for (Mask mask : new Mask[] {Mask.NONE, Mask.causal(), Mask.keyLengths(2, 4)}) {
            double[] out = new double[shape.size()];
            LogSoftmax.forward(z, out, shape, mask);
            double[] dz = new double[shape.size()];
            LogSoftmax.backward(out, g, dz, shape, mask);
            GradCheck.compare("log-softmax " + mask, z, dz, () -> {
                double[] o = new double[shape.size()];
                LogSoftmax.forward(z, o, shape, mask);
                double s = 0;
                for (int i = 0; i < o.length; i++) {
                    s += Double.isFinite(o[i]) ? g[i] * o[i] : 0;
                }
                return s;
            });
            float[] outF = new float[shape.size()];
            LogSoftmax.forward(Rows.toFloat(z), outF, shape, mask);
            float[] dzF = new float[shape.size()];
            LogSoftmax.backward(outF, Rows.toFloat(g), dzF, shape, mask);
            assertTrue(Rows.maxAbsError(dzF, dz) < 1e-5);
        }
    }

    @Test
    void logSumExpMatchesGradientOfItself() {
        // d logsumexp / dz = softmax(z): checks LogSoftmax.logSumExp against finite differences.
        double[] z = Rows.gaussian(new Random(33), 9, 3);
        float[] lse = LogSoftmax.logSumExp(Rows.toFloat(z), Shape.of(1, 9), Mask.NONE);
        double[] p = Softmax.standard().apply(z);
        double[] zz = z.clone();
        GradCheck.compare("logsumexp", zz, p, () -> io.github.softmaxlab.kernel.reference.SoftmaxReference
                .logSumExp(zz, 0, zz.length));
        assertEquals(io.github.softmaxlab.kernel.reference.SoftmaxReference.logSumExp(z, 0, 9), lse[0], 2e-6);
    }

    @Test
    void rejectsBadInput() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> LogSoftmax.forward(new float[] {Float.NaN}, new float[1], Shape.of(1, 1), Mask.NONE));
        assertTrue(e.getMessage().contains("scores[row 0, col 0] is NaN"), e.getMessage());
        var f = assertThrows(IllegalArgumentException.class,
                () -> LogSoftmax.forward(new float[4], new float[3], Shape.of(2, 2), Mask.NONE));
        assertTrue(f.getMessage().contains("out has length 3"), f.getMessage());
    }
}
