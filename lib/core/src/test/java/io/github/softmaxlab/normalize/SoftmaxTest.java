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

class SoftmaxTest {

    @Nested
    class ThreePass extends NormalizerContract {
        @Override
        protected Normalizer normalizer() {
            return Softmax.standard();
        }
    }

    @Nested
    class Online extends NormalizerContract {
        @Override
        protected Normalizer normalizer() {
            return Softmax.standard().using(Softmax.Algorithm.ONLINE);
        }
    }

    @Nested
    class TwoPass extends NormalizerContract {
        @Override
        protected Normalizer normalizer() {
            return Softmax.standard().using(Softmax.Algorithm.TWO_PASS);
        }
    }

    @Nested
    class Temperature extends NormalizerContract {
        @Override
        protected Normalizer normalizer() {
            return Softmax.withTemperature(0.37).using(Softmax.Algorithm.ONLINE);
        }
    }

    @Test
    void isShiftInvariant() {
        Random random = new Random(11);
        double[] z = Rows.gaussian(random, 50, 3);
        double[] shifted = z.clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += 1234.5;
        }
        assertArrayEquals(Softmax.standard().apply(z), Softmax.standard().apply(shifted), 1e-12);
    }

    @Test
    void temperatureSharpensAndFlattens() {
        double[] z = {1, 2, 3};
        double cold = Softmax.withTemperature(0.1).apply(z)[2];
        double plain = Softmax.standard().apply(z)[2];
        double hot = Softmax.withTemperature(10).apply(z)[2];
        assertTrue(cold > plain && plain > hot && hot > 1.0 / 3, cold + " " + plain + " " + hot);
        var e = assertThrows(IllegalArgumentException.class, () -> Softmax.withTemperature(0));
        assertTrue(e.getMessage().contains("temperature") && e.getMessage().contains("0.0"), e.getMessage());
    }

    @Test
    void matchesTheClosedFormOnASmallRow() {
        double e1 = Math.exp(1);
        double e2 = Math.exp(2);
        double sum = 1 + e1 + e2;
        assertArrayEquals(new double[] {1 / sum, e1 / sum, e2 / sum}, Softmax.standard().apply(0.0, 1.0, 2.0), 1e-15);
        float[] f = Softmax.standard().apply(0f, 1f, 2f);
        assertEquals(e2 / sum, f[2], 1e-7);
    }

    @Test
    void causalRowsSeeTheirPrefix() {
        Shape shape = Shape.attention(1, 1, 3, 3);
        float[] w = new float[9];
        Softmax.standard().forward(new float[] {5, 9, 9, 1, 1, 9, 0, 0, 0}, w, shape, Mask.causal());
        assertArrayEquals(new float[] {1, 0, 0, 0.5f, 0.5f, 0, 1 / 3f, 1 / 3f, 1 / 3f}, w, 1e-7f);
    }
}
