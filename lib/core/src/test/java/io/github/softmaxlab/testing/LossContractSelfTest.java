package io.github.softmaxlab.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.loss.CrossEntropy;
import io.github.softmaxlab.loss.Loss;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The loss contract must be able to fail: each broken cross-entropy below violates one rule, and the matching check
 * must catch it.
 */
class LossContractSelfTest {

    /** What to break. */
    private enum Flaw { GRADIENT_SCALE, MASKED_GRADIENT, CLAMPED_TARGET }

    /** Cross-entropy with one flaw. */
    private record Broken(Flaw flaw) implements Loss {
        private static final Loss OK = CrossEntropy.plain();

        @Override
        public String name() {
            return "broken(" + flaw + ")";
        }

        @Override
        public double forward(float[] logits, int[] targets, Shape shape, Mask mask) {
            return OK.forward(logits, clamp(targets, shape), shape, mask);
        }

        @Override
        public double forward(double[] logits, int[] targets, Shape shape, Mask mask) {
            return OK.forward(logits, clamp(targets, shape), shape, mask);
        }

        @Override
        public void backward(float[] logits, int[] targets, float[] gradLogits, Shape shape, Mask mask) {
            double[] g = new double[gradLogits.length];
            backward(Rows.toDouble(logits), targets, g, shape, mask);
            System.arraycopy(Rows.toFloat(g), 0, gradLogits, 0, g.length);
        }

        @Override
        public void backward(double[] logits, int[] targets, double[] gradLogits, Shape shape, Mask mask) {
            OK.backward(logits, clamp(targets, shape), gradLogits, shape, mask);
            for (int i = 0; i < gradLogits.length; i++) {
                if (flaw == Flaw.GRADIENT_SCALE) {
                    gradLogits[i] *= 1.01;
                } else if (flaw == Flaw.MASKED_GRADIENT && gradLogits[i] == 0) {
                    gradLogits[i] = 1e-9;
                }
            }
        }

        private int[] clamp(int[] targets, Shape shape) {
            if (flaw != Flaw.CLAMPED_TARGET || targets == null || shape == null) {
                return targets;
            }
            int[] t = targets.clone();
            for (int r = 0; r < t.length; r++) {
                t[r] = Math.clamp(t[r], 0, shape.cols() - 1);
            }
            return t;
        }
    }

    private static LossContract contractFor(Flaw flaw) {
        return new LossContract() {
            @Override
            protected Loss loss() {
                return new Broken(flaw);
            }
        };
    }

    @Test
    void wrongGradientIsCaught() {
        assertThrows(AssertionFailedError.class,
                () -> contractFor(Flaw.GRADIENT_SCALE).gradientsMatchFiniteDifferences());
    }

    @Test
    void gradientOnMaskedLogitsIsCaught() {
        assertThrows(AssertionFailedError.class,
                () -> contractFor(Flaw.MASKED_GRADIENT).maskedLogitsGetZeroGradientAndDoNotMatter());
    }

    @Test
    void targetOutOfRangeAcceptedIsCaught() {
        assertThrows(AssertionFailedError.class,
                () -> contractFor(Flaw.CLAMPED_TARGET).badInputIsRejectedWithAClearMessage());
    }
}
