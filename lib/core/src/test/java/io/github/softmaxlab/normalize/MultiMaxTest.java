package io.github.softmaxlab.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.testing.GradCheck;
import io.github.softmaxlab.testing.NormalizerContract;
import io.github.softmaxlab.testing.Rows;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * MultiMax passes the normalizer contract (gradients of the scores and of all eight modulator parameters
 * included), is exactly softmax when t = 0, has a continuous modulator, reproduces the spec's three-mode example,
 * and beats every single softmax temperature at "sparse and multi-modal" on it (the paper's central claim).
 */
class MultiMaxTest {

    /** Thresholds and coefficients of both signs, so that every piece of σ and of its gradient is exercised. */
    static MultiMax mixed() {
        return MultiMax.of(new double[] {-0.5, 0.8, -1.0, 1.2}, new double[] {-0.6, -0.3, -0.2, 0.1});
    }

    @Nested
    class Mixed extends NormalizerContract {
        @Override
        protected Normalizer normalizer() {
            return mixed();
        }
    }

    @Nested
    class PaperInit extends NormalizerContract {
        @Override
        protected Normalizer normalizer() {
            return MultiMax.paperInit(new Random(7));
        }
    }

    /** The spec's sparsity + multi-modality setting, r = (1, 2, 0, 0), t = (−4, −0.5, 0, 0). */
    @Nested
    class SpecExample extends NormalizerContract {
        @Override
        protected Normalizer normalizer() {
            return specExample();
        }

        @Override
        protected double floatTolerance() {
            return 5e-6; // slopes up to 5 below r₀ amplify the float32 rounding of the scores
        }
    }

    static MultiMax specExample() {
        return MultiMax.of(new double[] {1, 2, 0, 0}, new double[] {-4, -0.5, 0, 0});
    }

    @Test
    void isExactlySoftmaxWhenAllCoefficientsAreZero() {
        double[] z = Rows.gaussian(new Random(1), 40, 3);
        assertArrayEquals(Softmax.standard().apply(z), MultiMax.softmaxInit().apply(z), 1e-12);
    }

    @Test
    void modulatorIsContinuousAtItsThresholds() {
        MultiMaxModulator m = mixed().modulator();
        for (double r : m.r()) {
            assertEquals(m.apply(r - 1e-12), m.apply(r + 1e-12), 1e-9, "σ jumps at " + r);
        }
        MultiMaxModulator spec = specExample().modulator();
        assertEquals(5.0, spec.slope(0.5), 0.0, "below r₀ the slope is 1 − t₀");
        assertEquals(0.5, spec.slope(3), 0.0, "above r₁ the slope is 1 + t₁");
        assertEquals(1.0, spec.slope(1.5), 0.0, "between r₀ and r₁ the slope is 1");
    }

    @Test
    void parameterGradientsMatchFiniteDifferencesUnderEveryMask() {
        MultiMax f = mixed();
        Shape shape = Shape.attention(2, 2, 3, 5);
        Random random = new Random(2);
        for (Mask mask : Rows.testMasks(random, shape)) {
            GradCheck.normalizer(f, Rows.gaussian(random, shape.size(), 2), shape, mask, 3);
        }
    }

    private static final double[] MODES = {3, 2.7, 0, 0, 0, 0, 0, 0, 0, 0};

    private static double noiseMass(double[] w) {
        return 1 - w[0] - w[1];
    }

    @Test
    void reproducesTheSpecExample() {
        // Spec part 1 §2(e) [V]: v = [3, 2.7, 0×8]. The spec prints 0.468 for 0.46748: checked to 1e-3.
        double[] t1 = Softmax.standard().apply(MODES);
        assertEquals(0.468, t1[0], 1e-3);
        assertEquals(0.346, t1[1], 5e-4);
        assertEquals(0.186, noiseMass(t1), 5e-4);
        double[] cold = Softmax.withTemperature(0.2).apply(MODES);
        assertEquals(0.818, cold[0], 5e-4);
        assertEquals(0.182, cold[1], 5e-4);
        double[] mm = specExample().apply(MODES);
        assertEquals(0.534, mm[0], 5e-4);
        assertEquals(0.460, mm[1], 5e-4);
        assertEquals(0.0064, noiseMass(mm), 5e-5);
    }

    @Test
    void noSingleTemperatureIsBothAsSparseAndAsMultiModal() {
        double[] mm = specExample().apply(MODES);
        double noise = noiseMass(mm);
        double ratio = mm[1] / mm[0];
        for (double temperature = 0.01; temperature <= 100; temperature *= 1.02) {
            double[] w = Softmax.withTemperature(temperature).apply(MODES);
            boolean asSparse = noiseMass(w) <= noise;
            boolean asMultiModal = w[1] / w[0] >= ratio;
            assertTrue(!(asSparse && asMultiModal), "T = " + temperature + " matches MultiMax on both counts");
        }
    }

    @Test
    void everyFloat32ScoreIsExactInputAndFloat64ScoresAreClampedAtTheLimit() {
        MultiMax f = mixed();
        float[] extreme = {Float.MAX_VALUE, -Float.MAX_VALUE, 1e30f, -1e30f, 0};
        float[] wf = f.apply(extreme);
        double[] w = f.apply(Rows.toDouble(extreme));
        assertTrue(Rows.maxAbsError(wf, w) < 1e-7);
        assertEquals(1.0, Rows.sum(w, 0, w.length), 1e-12);
        // Beyond ±1e100 float64 scores clamp: 1e200 and 1e100 tie.
        double[] clamped = f.apply(1e200, 1e100, 0);
        assertArrayEquals(f.apply(MultiMax.LIMIT, MultiMax.LIMIT, 0), clamped, 0.0);
        double[] g = {1, -2, 0.5};
        double[] dz = new double[3];
        f.backward(new double[] {1e200, 1, 0}, f.apply(1e200, 1, 0), g, dz, Shape.of(1, 3), Mask.NONE);
        assertEquals(0.0, dz[0], 0.0, "a clamped score has zero gradient");
    }

    @Test
    void anOverflowingModulatorIsAnErrorNotNaN() {
        var bad = assertThrows(IllegalArgumentException.class,
                () -> MultiMax.of(new double[4], new double[] {0, 0, 0, 1e39}));
        assertTrue(bad.getMessage().contains("t[3]"), bad.getMessage());
        MultiMax f = MultiMax.of(new double[4], new double[4]);
        f.coefficients().value64[3] = 1e120; // only the float64 twin can hold such a value
        var e = assertThrows(IllegalArgumentException.class, () -> f.apply(1e100, 0));
        assertTrue(e.getMessage().contains("overflowed") && e.getMessage().contains("1.0E100"), e.getMessage());
        f.coefficients().value64[3] = 3.4e38; // the largest float32 coefficient: no overflow after the clamp
        assertEquals(1.0, Rows.sum(f.apply(1e100, 0), 0, 2), 1e-12);
    }
}
