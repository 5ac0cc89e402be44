package io.github.softmaxlab.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Parameter;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.normalize.Normalizer;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * Central finite-difference gradient checks in float64.
 *
 * <p>For a normalizer, the scalar checked is {@code L(z) = Σ_i g_i · w_i(z)} for a fixed random g, so
 * {@code dL/dz} is exactly the VJP {@code backward(g)}; numeric derivatives are {@code (L(z+h) − L(z−h)) / 2h}.
 * An entry passes if {@code |analytic − numeric| ≤ atol + rtol·|numeric|}.
 */
public final class GradCheck {

    public static final double H = 1e-6;
    public static final double ATOL = 1e-7;
    public static final double RTOL = 1e-5;

    private GradCheck() {
    }

    /** Checks dL/dscores and dL/dparameter of the normalizer's float64 path at {@code scores}. */
    public static void normalizer(Normalizer f, double[] scores, Shape shape, Mask mask, long seed) {
        double[] g = Rows.gaussian(new Random(seed), scores.length, 1);
        double[] w = new double[scores.length];
        double[] dz = new double[scores.length];
        for (Parameter p : f.parameters()) {
            java.util.Arrays.fill(p.grad64, 0);
        }
        f.forward(scores, w, shape, mask);
        f.backward(scores, w, g, dz, shape, mask);
        DoubleSupplier loss = () -> {
            double[] out = new double[scores.length];
            f.forward(scores, out, shape, mask);
            double sum = 0;
            for (int i = 0; i < out.length; i++) {
                sum += g[i] * out[i];
            }
            return sum;
        };
        compare(f.name() + " d/dscores", scores, dz, loss);
        for (Parameter p : f.parameters()) {
            compare(f.name() + " d/d" + p.name(), p.value64, p.grad64.clone(), loss);
        }
    }

    /**
     * Compares {@code analytic[i]} with the central difference of {@code loss} in {@code x[i]}, for every i.
     * {@code x} is perturbed in place and restored.
     */
    public static void compare(String what, double[] x, double[] analytic, DoubleSupplier loss) {
        double worst = 0;
        int worstIndex = -1;
        double worstNumeric = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                continue;
            }
            double saved = x[i];
            x[i] = saved + H;
            double plus = loss.getAsDouble();
            x[i] = saved - H;
            double minus = loss.getAsDouble();
            x[i] = saved;
            double numeric = (plus - minus) / (2 * H);
            double excess = Math.abs(analytic[i] - numeric) - (ATOL + RTOL * Math.abs(numeric));
            if (excess > worst) {
                worst = excess;
                worstIndex = i;
                worstNumeric = numeric;
            }
        }
        if (worstIndex >= 0) {
            fail(what + ": gradient mismatch at index " + worstIndex + ": analytic " + analytic[worstIndex]
                    + ", numeric " + worstNumeric + " (tolerance " + ATOL + " + " + RTOL + "·|numeric|)");
        }
    }
}
