package io.github.softmaxlab.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.testing.NormalizerContract;
import io.github.softmaxlab.testing.Rows;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Softmax and its two alternative algorithms pass the normalizer contract (gradient checks for T = 1 and for a
 * temperature included), are shift-invariant, and agree with each other.
 */
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
            return new OnlineSoftmaxNormalizer();
        }
    }

    @Nested
    class TwoPass extends NormalizerContract {
        @Override
        protected Normalizer normalizer() {
            return new TwoPassSoftmaxNormalizer();
        }
    }

    @Nested
    class Temperature extends NormalizerContract {
        @Override
        protected Normalizer normalizer() {
            return Softmax.withTemperature(0.37);
        }
    }

    @Nested
    class HotTwoPass extends NormalizerContract {
        @Override
        protected Normalizer normalizer() {
            return new TwoPassSoftmaxNormalizer(4.5);
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
        for (Softmax f : allAlgorithms(Softmax.standard())) {
            assertArrayEquals(f.apply(z), f.apply(shifted), 1e-12, f.name());
            // In float32 the shift itself rounds z (ulp(1234.5) = 1.2e-4), so compare on exactly shifted inputs.
            float[] zf = Rows.toFloat(z);
            float[] sf = new float[zf.length];
            for (int i = 0; i < zf.length; i++) {
                zf[i] = Math.round(zf[i] * 64) / 64f;
                sf[i] = zf[i] + 1024f;
            }
            assertArrayEquals(f.apply(zf), f.apply(sf), 5e-7f, f.name() + " float32");
        }
    }

    @Test
    void theThreeAlgorithmsAgreeOnRowsAndMasks() {
        Random random = new Random(12);
        Shape shape = Shape.attention(2, 3, 17, 40);
        float[] z = Rows.toFloat(Rows.uniform(random, shape.size(), -50, 50));
        Mask mask = Mask.causal().and(Mask.keyLengths(40, 25));
        float[] expected = new float[shape.size()];
        Softmax.standard().forward(z, expected, shape, mask);
        for (Softmax f : allAlgorithms(Softmax.standard())) {
            float[] w = new float[shape.size()];
            f.forward(z, w, shape, mask);
            assertArrayEquals(expected, w, 1e-6f, f.name());
        }
    }

    private static Softmax[] allAlgorithms(Softmax base) {
        return new Softmax[] {base, base.using(Softmax.Algorithm.ONLINE), base.using(Softmax.Algorithm.TWO_PASS)};
    }

    @Test
    void usingAnAlgorithmGivesItsNormalizerAndKeepsTheTemperature() {
        Softmax hot = Softmax.withTemperature(2);
        assertInstanceOf(OnlineSoftmaxNormalizer.class, hot.using(Softmax.Algorithm.ONLINE));
        assertInstanceOf(TwoPassSoftmaxNormalizer.class, hot.using(Softmax.Algorithm.TWO_PASS));
        assertEquals(2.0, hot.using(Softmax.Algorithm.TWO_PASS).temperature());
        assertEquals(Softmax.Algorithm.THREE_PASS, hot.using(Softmax.Algorithm.TWO_PASS)
                .using(Softmax.Algorithm.THREE_PASS).algorithm());
        assertEquals("softmax(T=2.0)[online]", hot.using(Softmax.Algorithm.ONLINE).name());
    }

    @Test
    void temperatureDividesTheScores() {
        double[] z = {1, 2, 3, -4};
        double[] scaled = {1 / 0.25, 2 / 0.25, 3 / 0.25, -4 / 0.25};
        assertArrayEquals(Softmax.standard().apply(scaled), Softmax.withTemperature(0.25).apply(z), 1e-15);
        double cold = Softmax.withTemperature(0.1).apply(z)[2];
        double plain = Softmax.standard().apply(z)[2];
        double hot = Softmax.withTemperature(10).apply(z)[2];
        assertTrue(cold > plain && plain > hot && hot > 1.0 / 4, cold + " " + plain + " " + hot);
        // A huge score and a small temperature: z/T alone would overflow float32.
        float[] w = Softmax.withTemperature(0.01).apply(3e38f, 2.9e38f, 0f);
        assertArrayEquals(new float[] {1, 0, 0}, w, 0f);
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Softmax.withTemperature(bad));
            assertTrue(e.getMessage().contains("temperature") && e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
        }
    }

    @Test
    void matchesTheClosedFormOnASmallRow() {
        double e1 = Math.exp(1);
        double e2 = Math.exp(2);
        double sum = 1 + e1 + e2;
        double[] expected = {1 / sum, e1 / sum, e2 / sum};
        for (Softmax f : allAlgorithms(Softmax.standard())) {
            assertArrayEquals(expected, f.apply(0.0, 1.0, 2.0), 1e-15, f.name());
            float[] w = f.apply(0f, 1f, 2f);
            assertArrayEquals(Rows.toFloat(expected), w, 1e-7f, f.name());
        }
    }

    @Test
    void causalRowsSeeTheirPrefix() {
        Shape shape = Shape.attention(1, 1, 3, 3);
        float[] w = new float[9];
        Softmax.standard().forward(new float[] {5, 9, 9, 1, 1, 9, 0, 0, 0}, w, shape, Mask.causal());
        assertArrayEquals(new float[] {1, 0, 0, 0.5f, 0.5f, 0, 1 / 3f, 1 / 3f, 1 / 3f}, w, 1e-7f);
    }
}
