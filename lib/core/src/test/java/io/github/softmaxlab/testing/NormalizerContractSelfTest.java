package io.github.softmaxlab.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.normalize.Normalizer;
import io.github.softmaxlab.normalize.Softmax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The contract and the gradient check must be able to fail: each broken softmax below violates one rule, and the
 * matching check must catch it.
 */
class NormalizerContractSelfTest {

    /** Softmax with hooks to break one thing at a time. */
    private static class Broken implements Normalizer {
        final Normalizer ok = Softmax.standard();

        @Override
        public String name() {
            return "broken";
        }

        @Override
        public void forward(float[] scores, float[] weights, Shape shape, Mask mask) {
            ok.forward(scores, weights, shape, mask);
        }

        @Override
        public void backward(float[] scores, float[] weights, float[] gradWeights, float[] gradScores, Shape shape,
                Mask mask) {
            ok.backward(scores, weights, gradWeights, gradScores, shape, mask);
        }

        @Override
        public void forward(double[] scores, double[] weights, Shape shape, Mask mask) {
            ok.forward(scores, weights, shape, mask);
        }

        @Override
        public void backward(double[] scores, double[] weights, double[] gradWeights, double[] gradScores,
                Shape shape, Mask mask) {
            ok.backward(scores, weights, gradWeights, gradScores, shape, mask);
        }
    }

    private static NormalizerContract contractFor(Normalizer f) {
        return new NormalizerContract() {
            @Override
            protected Normalizer normalizer() {
                return f;
            }
        };
    }

    private static void caught(Executable check) {
        assertThrows(AssertionError.class, check);
    }

    @Test
    void theUnbrokenSoftmaxPasses() {
        NormalizerContract c = contractFor(new Broken());
        c.maskedEntriesAreDroppedWithZeroWeightAndGradient();
        c.gradientsMatchFiniteDifferences();
        c.float32AgreesWithFloat64();
        c.backwardOverwritesScoreGradientsAndAddsToParameterGradients();
    }

    @Test
    void ignoringTheMaskIsCaught() {
        caught(contractFor(new Broken() {
            @Override
            public void forward(double[] scores, double[] weights, Shape shape, Mask mask) {
                ok.forward(scores, weights, shape, Mask.NONE);
            }
        })::maskedEntriesAreDroppedWithZeroWeightAndGradient);
    }

    @Test
    void aWrongGradientIsCaught() {
        caught(contractFor(new Broken() {
            @Override
            public void backward(double[] scores, double[] weights, double[] gradWeights, double[] gradScores,
                    Shape shape, Mask mask) {
                ok.backward(scores, weights, gradWeights, gradScores, shape, mask);
                gradScores[gradScores.length / 2] *= 1.001;
            }
        })::gradientsMatchFiniteDifferences);
    }

    @Test
    void nanOnAFullyMaskedRowIsCaught() {
        caught(contractFor(new Broken() {
            @Override
            public void forward(float[] scores, float[] weights, Shape shape, Mask mask) {
                ok.forward(scores, weights, shape, mask);
                for (int r = 0; r < shape.rows(); r++) {
                    if (mask.visibleCount(shape, r) == 0 && shape.cols() > 0) {
                        weights[shape.offset(r)] = Float.NaN;
                    }
                }
            }
        })::fullyMaskedAndEmptyRowsGiveZerosNeverNaN);
    }

    @Test
    void missingValidationIsCaught() {
        caught(contractFor(new Broken() {
            @Override
            public void forward(float[] scores, float[] weights, Shape shape, Mask mask) {
                float[] cleaned = scores.clone();
                for (int i = 0; i < cleaned.length; i++) {
                    cleaned[i] = Float.isNaN(cleaned[i]) ? 0f : cleaned[i];
                }
                ok.forward(cleaned, weights, shape, mask);
            }
        })::badInputIsRejectedWithANamedArgument);
    }

    @Test
    void sloppyFloat32IsCaught() {
        caught(contractFor(new Broken() {
            @Override
            public void forward(float[] scores, float[] weights, Shape shape, Mask mask) {
                ok.forward(scores, weights, shape, mask);
                for (int i = 0; i < weights.length; i++) {
                    weights[i] *= 1.0001f;
                }
            }
        })::float32AgreesWithFloat64);
    }

    @Test
    void accumulatingIntoGradScoresIsCaught() {
        caught(contractFor(new Broken() {
            @Override
            public void backward(float[] scores, float[] weights, float[] gradWeights, float[] gradScores,
                    Shape shape, Mask mask) {
                float[] fresh = new float[gradScores.length];
                ok.backward(scores, weights, gradWeights, fresh, shape, mask);
                for (int i = 0; i < fresh.length; i++) {
                    gradScores[i] += fresh[i];
                }
            }
        })::backwardOverwritesScoreGradientsAndAddsToParameterGradients);
    }

    @Test
    void gradCheckNamesTheWorstIndex() {
        double[] x = {0.5, -1, 2};
        var e = assertThrows(AssertionError.class, () -> GradCheck.vjp("square", x, 3,
                v -> new double[] {v[0] * v[0], v[1] * v[1], v[2] * v[2]},
                (v, g) -> new double[] {2 * v[0] * g[0], 2 * v[1] * g[1], 2.1 * v[2] * g[2]}, 1));
        assertTrue(e.getMessage().contains("index 2") && e.getMessage().contains("analytic")
                && e.getMessage().contains("numeric"), e.getMessage());
        GradCheck.vjp("square", x, 3, v -> new double[] {v[0] * v[0], v[1] * v[1], v[2] * v[2]},
                (v, g) -> new double[] {2 * v[0] * g[0], 2 * v[1] * g[1], 2 * v[2] * g[2]}, 1);
    }
}
